package dev.portier.domain.reservations;

import java.time.Instant;

/**
 * A reservation that lets the subject in although no grant does: the subject (or the person its card
 * belongs to) has booked the vehicle, the booking runs at the instant asked and includes the permission.
 *
 * @param reservationId the reservation's id
 * @param label         for people: whose booking of which vehicle
 * @param endAt         when the booking ends
 */
public record ReservationAllowance(String reservationId, String label, Instant endAt) {
}
