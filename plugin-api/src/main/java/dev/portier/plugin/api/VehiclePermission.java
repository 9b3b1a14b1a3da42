package dev.portier.plugin.api;

/** What a reservation's stored key lets its holder do with a vehicle ({@link ReservationSync}). Pure value. */
public enum VehiclePermission {
    LOCK, UNLOCK, IGNITION_ENABLE, IGNITION_INHIBIT, CHECK_IN, CHECK_OUT, LOCATE
}
