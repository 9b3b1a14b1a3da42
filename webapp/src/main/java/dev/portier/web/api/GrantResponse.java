package dev.portier.web.api;

import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.Grant;
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
 * that syncs grants.
 */
public record GrantResponse(String id, String personId, String personName, String cardId, String cardSerial, String lockId,
        String lockName, String siteId, @Schema(description = "The target site, or the site of the target lock") String siteName,
        Instant validFrom, Instant validUntil,
        @Schema(example = "MO-FR 07:00-12:00; MO-FR 13:00-18:00") String schedule,
        List<Permission> permissions, Delivery delivery, int onDemandMinutes, GrantState state,
        @Schema(description = "The grant's status at the time of the answer") GrantStatus status,
        Instant createdAt, String createdBy, Instant revokedAt, String revokedBy, String revokeReason,
        @Schema(description = "Where the grant stands at each grant-syncing vendor, per lock it covers and holder; empty "
                + "when none of its locks belongs to a connection whose driver syncs grants") List<GrantSyncResponse> sync) {

    static GrantResponse of(Grant grant, Instant now, List<VendorSync> sync) {
        return new GrantResponse(grant.id(), grant.personId(), grant.personName(), grant.cardId(), grant.cardSerial(),
                grant.lockId(), grant.lockName(), grant.siteId(), grant.siteName(), grant.validFrom(), grant.validUntil(),
                grant.scheduleIfAny().map(WeeklySchedule::format).orElse(null), grant.permissions().stream().sorted().toList(),
                grant.delivery(), grant.onDemandMinutes(), grant.state(), grant.status(now), grant.createdAt(), grant.createdBy(),
                grant.revokedAt(), grant.revokedBy(), grant.revokeReason(), sync.stream().map(GrantSyncResponse::of).toList());
    }
}
