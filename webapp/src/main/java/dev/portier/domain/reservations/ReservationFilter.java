package dev.portier.domain.reservations;

import java.time.Instant;

/**
 * Narrows the reservation list; each part optional ({@code null}). {@code from}/{@code to} keep the
 * reservations that meet that stretch of time (end after {@code from}, begin before {@code to}).
 */
public record ReservationFilter(String lockId, String personId, ReservationState state, Instant from, Instant to) {
    public static final ReservationFilter NONE = new ReservationFilter(null, null, null, null, null);
}
