package dev.portier.access.bulk;

import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.Permission;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A change to many people and cards at once. For {@link BulkAction#GRANT}: one of {@code lockId} / {@code siteId} and
 * the grant's terms (as a {@link dev.portier.domain.grants.GrantDraft}); for {@link BulkAction#REVOKE}: the lock, the
 * site, or neither (all their grants), and a {@code reason}; for {@link BulkAction#ADD_TO_GROUP}: the people group
 * {@code groupId} (people only).
 */
public record BulkChange(BulkAction action, List<String> personIds, List<String> cardIds, String lockId, String siteId,
        Instant validFrom, Instant validUntil, String schedule, Set<Permission> permissions, Delivery delivery,
        Integer onDemandMinutes, String reason, String groupId) {

    public BulkChange {
        personIds = personIds == null ? List.of() : personIds.stream().distinct().toList();
        cardIds = cardIds == null ? List.of() : cardIds.stream().distinct().toList();
    }

    public int subjects() {
        return personIds.size() + cardIds.size();
    }

    public static BulkChange grant(List<String> personIds, List<String> cardIds, String lockId, String siteId,
            Set<Permission> permissions, Delivery delivery) {
        return new BulkChange(BulkAction.GRANT, personIds, cardIds, lockId, siteId, null, null, null, permissions, delivery, null,
                null, null);
    }

    public static BulkChange revoke(List<String> personIds, List<String> cardIds, String lockId, String siteId, String reason) {
        return new BulkChange(BulkAction.REVOKE, personIds, cardIds, lockId, siteId, null, null, null, null, null, null, reason, null);
    }

    public static BulkChange addToGroup(List<String> personIds, String groupId) {
        return new BulkChange(BulkAction.ADD_TO_GROUP, personIds, List.of(), null, null, null, null, null, null, null, null, null,
                groupId);
    }
}
