package dev.portier.access;

import dev.portier.domain.reservations.ReservationAllowance;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantOrigin;
import dev.portier.domain.grants.Permission;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer to "may this subject do this at this lock at this instant, and why": the allowing
 * grant — or, for a vehicle no grant opens to the subject, the allowing reservation — or the reasons
 * nothing allows. When allowed, exactly one of {@code grant} and {@code reservation} is set.
 * {@code openUntil} is when the allowing grant's validity or the current schedule window ends,
 * whichever is first, or when the allowing reservation ends (empty: no end in sight). {@code origins}: for the
 * member grants among the considered ones, their group grant and groups by group grant id (filled in for
 * people looking, see {@link AccessDecisions#explain}; empty on the door's hot path).
 */
public record Decision(boolean allowed, Subject subject, String lockId, Permission permission, Instant at, ZoneId zone,
        Grant grant, Instant openUntil, List<DenialReason> reasons, List<GrantVerdict> considered,
        ReservationAllowance reservation, Map<String, GrantOrigin> origins) {

    public Decision(boolean allowed, Subject subject, String lockId, Permission permission, Instant at, ZoneId zone,
            Grant grant, Instant openUntil, List<DenialReason> reasons, List<GrantVerdict> considered,
            ReservationAllowance reservation) {
        this(allowed, subject, lockId, permission, at, zone, grant, openUntil, reasons, considered, reservation, Map.of());
    }

    /** The same decision with the origins of its member grants (their group grants and groups), for people looking. */
    public Decision withOrigins(Map<String, GrantOrigin> found) {
        return new Decision(allowed, subject, lockId, permission, at, zone, grant, openUntil, reasons, considered, reservation,
                Map.copyOf(found));
    }

    /** Where a considered grant comes from when it is a member grant of a group grant (resolved by {@code explain}). */
    public Optional<GrantOrigin> originOf(Grant g) {
        return g.groupGrantId() == null ? Optional.empty() : Optional.ofNullable(origins.get(g.groupGrantId()));
    }

    public Optional<Grant> allowingGrant() {
        return Optional.ofNullable(grant);
    }

    public Optional<ReservationAllowance> allowingReservation() {
        return Optional.ofNullable(reservation);
    }

    public Optional<Instant> openUntilIfAny() {
        return Optional.ofNullable(openUntil);
    }

    /** One sentence for people: the verdict and its main reason. */
    public String summary() {
        if (allowed && grant == null) {
            return "Allowed by the reservation: " + reservation.label();
        }
        if (allowed && originOf(grant).isPresent()) {
            return "Allowed by " + originOf(grant).get().describe() + " (" + grant.subjectLabel() + " on " + grant.targetLabel() + ")";
        }
        if (allowed) {
            return "Allowed by the grant for " + grant.subjectLabel() + " on " + grant.targetLabel();
        }
        return "Denied: " + reasons.getFirst().description();
    }
}
