package dev.portier.domain.reservations;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a person types to book a vehicle: the vehicle (a lock of kind VEHICLE), the person, any of the
 * account's active tap cards, begin and end, and the vendor's permissions, privileges and end-book
 * conditions ({@link ReservationTerms}).
 */
public record ReservationDraft(String lockId, String personId, List<String> cardIds, Instant begin, Instant end,
        Set<String> permissions, Set<String> privileges, Set<String> endBookConditions) {
}
