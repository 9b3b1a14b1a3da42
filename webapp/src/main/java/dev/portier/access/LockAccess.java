package dev.portier.access;

import dev.portier.domain.grants.Grant;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.reservations.ReservationAllowance;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One lock as one subject may use it: the decision now and the spans of the coming days in which it
 * opens to them ({@link AccessDecisions#overview}).
 */
public record LockAccess(Lock lock, Decision now, List<Opening> openings) {

    public LockAccess {
        openings = List.copyOf(openings);
    }

    /** From {@code from} until {@code until} the subject may act, allowed by {@code grant} or by {@code reservation}. */
    public record Opening(Instant from, Instant until, Grant grant, ReservationAllowance reservation) {

        boolean sameAllowance(Decision decision) {
            return grant != null ? decision.grant() != null && grant.id().equals(decision.grant().id())
                    : decision.reservation() != null && Objects.equals(reservation.reservationId(), decision.reservation().reservationId());
        }

        Opening extendedTo(Instant end) {
            return new Opening(from, end, grant, reservation);
        }
    }
}
