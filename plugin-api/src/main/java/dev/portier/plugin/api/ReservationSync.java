package dev.portier.plugin.api;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Capability {@link Capability#RESERVATIONS}: keeps a vehicle's reservations as stored keys at the
 * vendor, within the vendor's limits. Called on a host worker; may block. A violated limit is an
 * {@link IllegalArgumentException} whose message names the rule; nothing is created then.
 */
public interface ReservationSync {

    /** How full the lock's stored-key memory is now (for the UI before saving). */
    Capacity capacity(LockRef lock);

    StoredReservation store(ReservationRequest request);

    /** Removes a stored key; removing one already gone does nothing. */
    void cancel(LockRef lock, String vendorKeyId);

    record Capacity(int activeKeys, int maxActiveKeys, int cardSerials, int maxCardSerials) {
    }

    record ReservationRequest(String reservationId, LockRef lock, String userReference, List<String> cardSerials,
            Instant begin, Instant end, Set<String> permissions, Set<String> privileges, Set<String> endBookConditions) {
        public ReservationRequest {
            cardSerials = List.copyOf(cardSerials);
            permissions = Set.copyOf(permissions);
            privileges = Set.copyOf(privileges);
            endBookConditions = Set.copyOf(endBookConditions);
        }
    }

    record StoredReservation(String vendorKeyId) {
    }
}
