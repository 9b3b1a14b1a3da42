package dev.portier.plugin.api;

/** Whether a connection can talk to its vendor or locks (after openHAB's ThingStatus). Pure value. */
public enum ConnectionState {
    /** Not known yet: initialising, or never checked. */
    UNKNOWN,
    /** Working. */
    ONLINE,
    /** Not working; the {@link StatusDetail} says why. */
    OFFLINE
}
