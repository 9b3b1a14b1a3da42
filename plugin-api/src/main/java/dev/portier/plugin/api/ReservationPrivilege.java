package dev.portier.plugin.api;

/** Extra behaviour of a reservation's stored key ({@link ReservationSync}). Pure value. */
public enum ReservationPrivilege {
    /** The vehicle resets its state (doors locked, ignition inhibited) when the booking ends. */
    RESET_AT_END_OF_BOOKING
}
