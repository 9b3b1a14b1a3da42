package dev.portier.domain.reservations;

/** Where a reservation stands. SCHEDULED and CHECKED_IN ones hold their vehicle; the others are history. */
public enum ReservationState {
    SCHEDULED("Scheduled"), CHECKED_IN("Checked in"), COMPLETED("Completed"), CANCELLED("Cancelled");

    private final String label;

    ReservationState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the reservation still holds its vehicle (and may let its person in). */
    public boolean holdsVehicle() {
        return this == SCHEDULED || this == CHECKED_IN;
    }
}
