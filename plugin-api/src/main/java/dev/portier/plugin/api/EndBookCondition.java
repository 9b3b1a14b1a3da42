package dev.portier.plugin.api;

/** What must hold before a reservation may be ended at the vehicle ({@link ReservationSync}). Pure value. */
public enum EndBookCondition {
    /** The ignition is off. */
    IGNITION_OFF
}
