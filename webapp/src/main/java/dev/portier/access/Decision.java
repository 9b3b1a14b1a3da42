package dev.portier.access;

import dev.portier.domain.reservations.ReservationAllowance;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.grants.GrantOrigin;
import dev.portier.domain.holidays.Holiday;
import dev.portier.domain.holidays.SiteHolidays;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer to "may this subject do this at this lock at this instant, and why": the allowing
 * grant — or, for a vehicle no grant opens to the subject, the allowing reservation — or the reasons
 * nothing allows. When allowed, exactly one of {@code grant} and {@code reservation} is set.
 * {@code openUntil} is when the allowing grant's validity or the current schedule window ends,
 * whichever is first, or when the allowing reservation ends (empty: no end in sight). {@code holidays}: those
 * of the lock's site, when a candidate grant's schedule observes them ({@link SiteHolidays#NONE} otherwise).
 * {@code origins}: for the member grants among the considered ones, their group grant and groups by group grant
 * id (filled in for people looking, see {@link AccessDecisions#explain}; empty on the door's hot path).
 */
public record Decision(boolean allowed, Subject subject, String lockId, Permission permission, Instant at, ZoneId zone,
        Grant grant, Instant openUntil, List<DenialReason> reasons, List<GrantVerdict> considered,
        ReservationAllowance reservation, SiteHolidays holidays, Map<String, GrantOrigin> origins) {

    public Decision {
        holidays = holidays == null ? SiteHolidays.NONE : holidays;
        origins = origins == null ? Map.of() : Map.copyOf(origins);
    }

    /** With the site's holidays, before the origins of member grants are resolved. */
    public Decision(boolean allowed, Subject subject, String lockId, Permission permission, Instant at, ZoneId zone,
            Grant grant, Instant openUntil, List<DenialReason> reasons, List<GrantVerdict> considered,
            ReservationAllowance reservation, SiteHolidays holidays) {
        this(allowed, subject, lockId, permission, at, zone, grant, openUntil, reasons, considered, reservation, holidays, Map.of());
    }

    /** Without holidays looked up. */
    public Decision(boolean allowed, Subject subject, String lockId, Permission permission, Instant at, ZoneId zone,
            Grant grant, Instant openUntil, List<DenialReason> reasons, List<GrantVerdict> considered,
            ReservationAllowance reservation) {
        this(allowed, subject, lockId, permission, at, zone, grant, openUntil, reasons, considered, reservation, SiteHolidays.NONE, Map.of());
    }

    /** The same decision with the origins of its member grants (their group grants and groups), for people looking. */
    public Decision withOrigins(Map<String, GrantOrigin> found) {
        return new Decision(allowed, subject, lockId, permission, at, zone, grant, openUntil, reasons, considered, reservation,
                holidays, found);
    }

    /** Where a considered grant comes from when it is a member grant of a group grant (resolved by {@code explain}). */
    public Optional<GrantOrigin> originOf(Grant g) {
        return g.groupGrantId() == null ? Optional.empty() : Optional.ofNullable(origins.get(g.groupGrantId()));
    }

    /** The holiday that closes a grant here ({@link DenialReason#HOLIDAY_CLOSED}), if one does. */
    public Optional<Holiday> closingHoliday() {
        if (!reasons.contains(DenialReason.HOLIDAY_CLOSED)) {
            return Optional.empty();
        }
        return holidays.on(localDate());
    }

    /** For people, e.g. "closed 17 May: holiday 'Constitution Day'"; empty when no holiday closes a grant here. */
    public Optional<String> holidayNote() {
        return closingHoliday().map(h -> SiteHolidays.closedOn(localDate(), h));
    }

    /** A reason for people; a holiday closure names the holiday: "Closed 17 May: holiday 'Constitution Day'". */
    public String describe(DenialReason reason) {
        if (reason == DenialReason.HOLIDAY_CLOSED) {
            return holidayNote().map(note -> Character.toUpperCase(note.charAt(0)) + note.substring(1)).orElse(reason.description());
        }
        return reason.description();
    }

    private LocalDate localDate() {
        return LocalDate.ofInstant(at, zone);
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
        if (reasons.getFirst() == DenialReason.HOLIDAY_CLOSED && holidayNote().isPresent()) {
            return "Denied: " + holidayNote().get();
        }
        return "Denied: " + reasons.getFirst().description();
    }
}
