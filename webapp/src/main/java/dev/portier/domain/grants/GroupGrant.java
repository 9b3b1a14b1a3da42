package dev.portier.domain.grants;

import java.time.Instant;
import java.util.Set;

/**
 * A grant written once for a group: its subject is a person, a card or a people group, its target a lock,
 * a site or a lock group, at least one of them a group. Portier keeps one ordinary member {@link Grant}
 * per member person (or the card) and member lock (or the lock or site), carrying this grant's id;
 * {@code memberGrants} counts the active ones. Names come along for display.
 */
public record GroupGrant(String id, String accountId, String name, String personId, String personName, String cardId,
        String cardSerial, String peopleGroupId, String peopleGroupName, String lockId, String lockName, String siteId,
        String siteName, String lockGroupId, String lockGroupName, Instant validFrom, Instant validUntil, WeeklySchedule schedule,
        Set<Permission> permissions, Delivery delivery, int onDemandMinutes, GrantState state, Instant createdAt,
        String createdBy, Instant revokedAt, String revokedBy, String revokeReason, int memberGrants) {

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

    public String subjectLabel() {
        if (peopleGroupId != null) {
            return "Group " + peopleGroupName;
        }
        return personId != null ? personName : "Card " + cardSerial;
    }

    public String targetLabel() {
        if (lockGroupId != null) {
            return "Lock group " + lockGroupName;
        }
        return lockId != null ? lockName : "All of " + siteName;
    }

    GroupGrant withGroupNames(String people, String locks) {
        return new GroupGrant(id, accountId, name, personId, personName, cardId, cardSerial, peopleGroupId, people, lockId, lockName,
                siteId, siteName, lockGroupId, locks, validFrom, validUntil, schedule, permissions, delivery, onDemandMinutes, state,
                createdAt, createdBy, revokedAt, revokedBy, revokeReason, memberGrants);
    }
}
