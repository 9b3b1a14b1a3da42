package dev.portier.access;

/** Who asks to open a lock: a person (with any device) or one NFC card. */
public sealed interface Subject {

    String id();

    record Person(String id) implements Subject {
    }

    record Card(String id) implements Subject {
    }
}
