package dev.portier.plugin.api;

/** What a grant, key or access question allows at a lock. Pure value; any thread. */
public enum Permission {
    /** Open the lock. */
    UNLOCK,
    /** Close the lock. */
    LOCK,
    /** Start a vehicle (enable its ignition). */
    IGNITION
}
