package dev.portier.web.api;

import dev.portier.domain.reservations.Reservation;
import dev.portier.domain.reservations.ReservationCard;
import dev.portier.domain.reservations.ReservationState;
import dev.portier.domain.reservations.ReservationTerms;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A vehicle booking as the API shows it, with the vendor's key id once the vehicle's driver stored it. */
public record ReservationResponse(String id, String lockId, String lockName, String personId, String personName,
        List<ReservationCard> cards, Instant begin, Instant end, List<String> permissions, List<String> privileges,
        List<String> endBookConditions, ReservationState state,
        @Schema(description = "The vendor's id of the stored key (Geotab's virtualKeyId); absent when no vendor keeps it")
        String vendorKeyId,
        Instant createdAt, String createdBy, Instant cancelledAt, String cancelledBy) {

    static ReservationResponse of(Reservation r) {
        return new ReservationResponse(r.id(), r.lockId(), r.lockName(), r.personId(), r.personName(), r.cards(), r.beginAt(),
                r.endAt(), ordered(r.permissions(), ReservationTerms.PERMISSIONS), ordered(r.privileges(), ReservationTerms.PRIVILEGES),
                ordered(r.endBookConditions(), ReservationTerms.END_BOOK_CONDITIONS), r.state(), r.vendorKeyId(), r.createdAt(),
                r.createdBy(), r.cancelledAt(), r.cancelledBy());
    }

    private static List<String> ordered(Set<String> values, List<String> order) {
        return order.stream().filter(values::contains).toList();
    }
}
