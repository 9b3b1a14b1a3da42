package dev.portier.plugin.api;

/** Why a connection is in its state. Pure value. */
public enum StatusDetail {
    NONE,
    /** {@code initialize()} has returned; the first check is still running. */
    INITIALIZING,
    /** The settings cannot work (missing, malformed, refused as invalid by the vendor). */
    CONFIGURATION_ERROR,
    /** The vendor refused the credentials. */
    AUTHENTICATION_ERROR,
    /** The vendor or the lock could not be reached, or answered nonsense. */
    COMMUNICATION_ERROR,
    /** The driver itself failed (threw, hung) — reported by the host, not the driver. */
    DRIVER_ERROR
}
