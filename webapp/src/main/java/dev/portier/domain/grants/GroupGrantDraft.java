package dev.portier.domain.grants;

import java.time.Instant;
import java.util.Set;

/**
 * What a person types to create or change a group grant: a name ("Cleaning weekdays"), exactly one subject
 * (a person, a card or a people group) and one target (a lock, a site or a lock group), at least one of them
 * a group; the rest as in {@link GrantDraft}.
 */
public record GroupGrantDraft(String name, String personId, String cardId, String peopleGroupId, String lockId, String siteId,
        String lockGroupId, Instant validFrom, Instant validUntil, String schedule, Set<Permission> permissions, Delivery delivery,
        Integer onDemandMinutes) {
}
