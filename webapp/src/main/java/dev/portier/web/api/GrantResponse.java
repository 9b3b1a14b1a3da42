package dev.portier.web.api;

import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GroupGrant;
import dev.portier.domain.grants.GrantState;
import dev.portier.domain.grants.GrantStatus;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.grants.WeeklySchedule;
import dev.portier.drivers.sync.VendorSync;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A grant as the API shows it, with the names of its subject and target, its stored state, its
 * status now (expired and not-yet-valid follow from the dates) and where it stands at each vendor
 * that syncs grants. A group grant (subject a people group and/or target a lock group) has a {@code name},
 * its groups and {@code memberGrants}; each of its member grants names it in {@code groupGrantId}.
 */
public record GrantResponse(String id, String personId, String personName, String cardId, String cardSerial, String lockId,
        String lockName, String siteId, @Schema(description = "The target site, or the site of the target lock") String siteName,
        Instant validFrom, Instant validUntil,
        @Schema(example = "MO-FR 07:00-12:00; MO-FR 13:00-18:00") String schedule,
        List<Permission> permissions, Delivery delivery, int onDemandMinutes, GrantState state,
        @Schema(description = "The grant's status at the time of the answer") GrantStatus status,
        Instant createdAt, String createdBy, Instant revokedAt, String revokedBy, String revokeReason,
        @Schema(description = "Where the grant stands at each grant-syncing vendor, per lock it covers and holder; empty "
                + "when none of its locks belongs to a connection whose driver syncs grants") List<GrantSyncResponse> sync,
        @Schema(description = "A group grant's name (group grants only)", example = "Cleaning weekdays") String name,
        @Schema(description = "The people group a group grant is for (instead of personId or cardId)") String peopleGroupId,
        String peopleGroupName,
        @Schema(description = "The lock group a group grant opens (instead of lockId or siteId)") String lockGroupId,
        String lockGroupName,
        @Schema(description = "On a member grant: the group grant it is part of (it changes only through that group grant "
                + "and the groups' members)") String groupGrantId,
        @Schema(description = "On a group grant: how many active member grants it has (one per member person or card and "
                + "member lock or site)") Integer memberGrants) {

    static GrantResponse of(Grant grant, Instant now, List<VendorSync> sync) {
        return new GrantResponse(grant.id(), grant.personId(), grant.personName(), grant.cardId(), grant.cardSerial(),
                grant.lockId(), grant.lockName(), grant.siteId(), grant.siteName(), grant.validFrom(), grant.validUntil(),
                grant.scheduleIfAny().map(WeeklySchedule::format).orElse(null), grant.permissions().stream().sorted().toList(),
                grant.delivery(), grant.onDemandMinutes(), grant.state(), grant.status(now), grant.createdAt(), grant.createdBy(),
                grant.revokedAt(), grant.revokedBy(), grant.revokeReason(), sync.stream().map(GrantSyncResponse::of).toList(),
                null, null, null, null, null, grant.groupGrantId(), null);
    }

    /** A group grant; {@code sync} gathers its active member grants' sync status. */
    static GrantResponse of(GroupGrant g, Instant now, List<VendorSync> sync) {
        return new GrantResponse(g.id(), g.personId(), g.personName(), g.cardId(), g.cardSerial(), g.lockId(), g.lockName(),
                g.siteId(), g.siteName(), g.validFrom(), g.validUntil(), g.schedule() == null ? null : g.schedule().format(),
                g.permissions().stream().sorted().toList(), g.delivery(), g.onDemandMinutes(), g.state(), g.status(now), g.createdAt(),
                g.createdBy(), g.revokedAt(), g.revokedBy(), g.revokeReason(), sync.stream().map(GrantSyncResponse::of).toList(),
                g.name(), g.peopleGroupId(), g.peopleGroupName(), g.lockGroupId(), g.lockGroupName(), null, g.memberGrants());
    }
}
