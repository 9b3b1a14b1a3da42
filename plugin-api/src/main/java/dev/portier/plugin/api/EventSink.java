package dev.portier.plugin.api;

/**
 * Records lock events on the lock's timeline. Idempotent per (lock, entry number); events without an
 * entry number are stored as they come. Blocks briefly on the database; once it returns the event is
 * durable, so a driver may then acknowledge it to the vendor.
 */
public interface EventSink {

    void record(LockEvent event);
}
