package dev.portier.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.GrantDraft;
import dev.portier.domain.grants.GroupGrantDraft;
import dev.portier.domain.grants.Permission;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Set;

/**
 * A grant to create, or an active grant's new state (PUT replaces every field). Exactly one of
 * personId / cardId / peopleGroupId, and one of lockId / siteId / lockGroupId; naming a group makes a group grant
 * (with a name), kept as one member grant per member. Read-only fields of a response are ignored.
 */
@JsonIgnoreProperties({"id", "personName", "cardSerial", "lockName", "siteName", "state", "status", "createdAt", "createdBy",
        "revokedAt", "revokedBy", "revokeReason", "sync",
        "peopleGroupName", "lockGroupName", "groupGrantId", "memberGrants"})
public record GrantRequest(
        @Schema(description = "The person the grant is for (or cardId)") String personId,
        @Schema(description = "The card the grant is for (or personId)") String cardId,
        @Schema(description = "The one lock it opens (or siteId)") String lockId,
        @Schema(description = "The site all of whose locks it opens (or lockId)") String siteId,
        @Schema(description = "Valid from this instant; open when absent", example = "2026-05-01T08:00:00Z") Instant validFrom,
        @Schema(description = "Valid until this instant; open when absent", example = "2026-06-01T00:00:00Z") Instant validUntil,
        @Schema(description = "Weekly windows in the site's time zone; any time when absent",
                example = "MO-FR 07:00-12:00; MO-FR 13:00-18:00") String schedule,
        @ArraySchema(minItems = 1, uniqueItems = true, schema = @Schema(implementation = Permission.class),
                arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED)) Set<Permission> permissions,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Delivery delivery,
        @Schema(description = "How long an on-demand key lasts, 1 to 1440 minutes; 30 when absent") Integer onDemandMinutes,
        @Schema(description = "A group grant's name, required with peopleGroupId or lockGroupId", example = "Cleaning weekdays")
        String name,
        @Schema(description = "The people group the grant is for (instead of personId or cardId): makes a group grant") String peopleGroupId,
        @Schema(description = "The lock group it opens (instead of lockId or siteId): makes a group grant") String lockGroupId) {

    /** Whether this asks for a group grant (a people group or a lock group named). */
    boolean group() {
        return (peopleGroupId != null && !peopleGroupId.isBlank()) || (lockGroupId != null && !lockGroupId.isBlank());
    }

    GroupGrantDraft toGroupDraft() {
        return new GroupGrantDraft(name, personId, cardId, peopleGroupId, lockId, siteId, lockGroupId, validFrom, validUntil, schedule,
                permissions, delivery, onDemandMinutes);
    }

    GrantDraft toDraft() {
        return new GrantDraft(personId, cardId, lockId, siteId, validFrom, validUntil, schedule, permissions, delivery,
                onDemandMinutes);
    }
}
