package dev.portier.web.api;

import dev.portier.access.bulk.BulkAction;
import dev.portier.access.bulk.BulkChange;
import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.Permission;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A bulk change: GRANT (one grant per person and card, with the terms of a grant request), REVOKE (their grants on
 * the lock, on the site and its locks, or — with neither — all of them, with a reason) or ADD_TO_GROUP (the people
 * join a people group, and with it the group's grants).
 */
public record BulkChangeRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) BulkAction action,
        @ArraySchema(schema = @Schema(description = "Person ids"), maxItems = 5000) List<String> people,
        @ArraySchema(schema = @Schema(description = "Card ids"), maxItems = 5000) List<String> cards,
        @Schema(description = "GRANT: the one lock (or siteId); REVOKE: only grants naming this lock") String lockId,
        @Schema(description = "GRANT: every lock of the site (or lockId); REVOKE: grants on the site or one of its locks") String siteId,
        @Schema(description = "GRANT: valid from; open when absent") Instant validFrom,
        @Schema(description = "GRANT: valid until; open when absent") Instant validUntil,
        @Schema(description = "GRANT: weekly windows in the site's time zone", example = "MO-FR 07:00-18:00") String schedule,
        @ArraySchema(uniqueItems = true, schema = @Schema(implementation = Permission.class)) Set<Permission> permissions,
        @Schema(description = "GRANT: how keys are delivered") Delivery delivery,
        @Schema(description = "GRANT: minutes an on-demand key lasts, 1 to 1440; 30 when absent") Integer onDemandMinutes,
        @Schema(description = "REVOKE: why; kept with each grant", maxLength = 500) String reason,
        @Schema(description = "ADD_TO_GROUP: the people group the people join (people only)") String groupId) {

    BulkChange toChange() {
        return new BulkChange(action, people, cards, lockId, siteId, validFrom, validUntil, schedule, permissions, delivery,
                onDemandMinutes, reason, groupId);
    }
}
