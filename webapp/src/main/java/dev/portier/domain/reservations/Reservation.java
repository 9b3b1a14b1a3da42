package dev.portier.domain.reservations;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One person's booking of one vehicle from {@code beginAt} to {@code endAt}, with the tap cards that
 * may open it and the vendor's permissions, privileges and end-book conditions. {@code vendorKeyId}
 * is the vendor's id of the stored key (Geotab's virtualKeyId) once the vehicle's driver stored it.
 */
public record Reservation(String id, String accountId, String lockId, String lockName, String timeZone, String personId,
        String personName, List<ReservationCard> cards, Instant beginAt, Instant endAt, Set<String> permissions,
        Set<String> privileges, Set<String> endBookConditions, ReservationState state, VendorState vendorState,
        String vendorKeyId, Instant createdAt, String createdBy, Instant cancelledAt, String cancelledBy) {

    public Reservation {
        cards = List.copyOf(cards);
        permissions = Set.copyOf(permissions);
        privileges = Set.copyOf(privileges);
        endBookConditions = Set.copyOf(endBookConditions);
    }

    /** Whether it lets its person in at {@code at}: it holds the vehicle, is stored if a vendor keeps it, and runs. */
    public boolean activeAt(Instant at) {
        return state.holdsVehicle() && vendorState != VendorState.STORING && !at.isBefore(beginAt) && at.isBefore(endAt);
    }

    /** How far storing the reservation at the vehicle's vendor got. */
    public enum VendorState {
        /** No vendor keeps this reservation (the vehicle's driver does not store reservations). */
        LOCAL,
        /** The row holds the vehicle while the vendor is asked; it allows nothing yet. */
        STORING,
        /** The vendor keeps it under {@link Reservation#vendorKeyId()}. */
        STORED
    }
}
