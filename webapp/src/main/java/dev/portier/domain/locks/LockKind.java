package dev.portier.domain.locks;

/** What a lock closes. */
public enum LockKind {
    DOOR, VEHICLE, BOX, CABINET, GATE;

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase();
    }
}
