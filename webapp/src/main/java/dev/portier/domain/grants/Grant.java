package dev.portier.domain.grants;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A permission for a person or a card (the subject) on one lock or a whole site (the target), valid
 * between two optional instants, optionally only inside a weekly schedule in the site's time zone.
 * Names of subject and target come along for display. {@code groupGrantId} is set on the member grants
 * of a {@link GroupGrant} (one per member person or card and member lock or site).
 */
public record Grant(String id, String accountId, String personId, String personName, String cardId, String cardSerial,
        String lockId, String lockName, String siteId, String siteName, Instant validFrom, Instant validUntil,
        WeeklySchedule schedule, Set<Permission> permissions, Delivery delivery, int onDemandMinutes, GrantState state,
        Instant createdAt, String createdBy, Instant revokedAt, String revokedBy, String revokeReason, String groupGrantId) {

    /** A member grant of a group grant: changed and revoked only through its group grant or the group's members. */
    public boolean isMemberGrant() {
        return groupGrantId != null;
    }

    public GrantStatus status(Instant at) {
        if (state == GrantState.REVOKED) {
            return GrantStatus.REVOKED;
        }
        if (validFrom != null && at.isBefore(validFrom)) {
            return GrantStatus.NOT_YET_VALID;
        }
        if (validUntil != null && !at.isBefore(validUntil)) {
            return GrantStatus.EXPIRED;
        }
        return GrantStatus.ACTIVE;
    }

    public Optional<WeeklySchedule> scheduleIfAny() {
        return Optional.ofNullable(schedule);
    }

    public String subjectLabel() {
        return personId != null ? personName : "Card " + cardSerial;
    }

    public String targetLabel() {
        return lockId != null ? lockName : "All of " + siteName;
    }
}
