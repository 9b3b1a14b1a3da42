package dev.portier.domain.grants;

import java.time.Instant;
import java.util.Set;

/**
 * What a person types to create or change a grant. Exactly one of {@code personId} / {@code cardId}
 * and one of {@code lockId} / {@code siteId}; {@code schedule} in {@link WeeklySchedule}'s text form
 * or blank for "any time"; {@code onDemandMinutes} null for the default of 30.
 */
public record GrantDraft(String personId, String cardId, String lockId, String siteId, Instant validFrom, Instant validUntil,
        String schedule, Set<Permission> permissions, Delivery delivery, Integer onDemandMinutes) {
}
