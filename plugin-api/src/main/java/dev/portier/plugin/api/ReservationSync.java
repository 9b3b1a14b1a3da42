package dev.portier.plugin.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Capability {@link Capability#RESERVATIONS}: keeps a vehicle's reservations as stored keys at the
 * vendor, within the vendor's limits. Called on a host worker; may block. A violated limit is a
 * {@link LimitExceededException}; nothing is created then.
 */
public interface ReservationSync {

    /** How full the lock's stored-key memory is now (for the UI before saving). */
    Capacity capacity(LockRef lock);

    StoredReservation store(ReservationRequest request);

    /** Removes a stored key; removing one already gone does nothing. */
    void cancel(LockRef lock, String vendorKeyId);

    /**
     * Whether the vehicle may ask online when a card it does not store is presented: {@code false} is
     * Geotab Keyless's "Disable Online CheckIn" device parameter, with which the vehicle refuses such a
     * card itself and only its stored keys open it. The host calls this on a worker when the vehicle's
     * setting changes and each time the connection starts; may block, and is called again until it
     * returns. A driver keeps the value (and answers the vendor's online check-in requests for the
     * vehicle accordingly) and sets it at the vendor as far as the vendor's API allows. The default
     * does nothing: a vendor without online check-in has nothing to set. Since 2.2.0.
     */
    default void onlineCheckIn(LockRef vehicle, boolean allowed) {
    }

    /** How many stored keys and card serials a vehicle holds now, and at most. Immutable. */
    record Capacity(int activeKeys, int maxActiveKeys, int cardSerials, int maxCardSerials) {
    }

    /**
     * A booking to store as a vendor key. Immutable.
     *
     * @param reservationId     Portier's id of the booking
     * @param lock              the vehicle
     * @param userReference     the driver's reference at the vendor (e.g. an employee number)
     * @param cardSerials       cards that may open the vehicle during the booking
     * @param begin             when the booking starts
     * @param end               when it ends
     * @param permissions       what the key allows
     * @param privileges        extra behaviour
     * @param endBookConditions what must hold to end the booking
     */
    record ReservationRequest(String reservationId, LockRef lock, String userReference, List<String> cardSerials,
            Instant begin, Instant end, Set<VehiclePermission> permissions, Set<ReservationPrivilege> privileges,
            Set<EndBookCondition> endBookConditions) {
        public ReservationRequest {
            Objects.requireNonNull(reservationId, "reservationId");
            Objects.requireNonNull(lock, "lock");
            Objects.requireNonNull(begin, "begin");
            Objects.requireNonNull(end, "end");
            if (!end.isAfter(begin)) {
                throw new IllegalArgumentException("A reservation must end after it begins: " + begin + " – " + end);
            }
            cardSerials = cardSerials == null ? List.of() : List.copyOf(cardSerials);
            permissions = permissions == null ? Set.of() : Set.copyOf(permissions);
            privileges = privileges == null ? Set.of() : Set.copyOf(privileges);
            endBookConditions = endBookConditions == null ? Set.of() : Set.copyOf(endBookConditions);
        }
    }

    /** @param vendorKeyId the vendor's id of the stored key, for {@link #cancel} */
    record StoredReservation(String vendorKeyId) {
    }
}
