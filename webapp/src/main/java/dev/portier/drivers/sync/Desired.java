package dev.portier.drivers.sync;

/** What Portier wants the vendor to hold for one grant × lock × holder. */
public enum Desired {
    /** The grant as it is now. */
    PUSH,
    /** Nothing: the grant was revoked, expired, or no longer covers the lock or the holder. */
    WITHDRAW
}
