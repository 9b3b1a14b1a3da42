package dev.portier.web.api;

import dev.portier.access.Decision;
import dev.portier.access.DenialReason;
import dev.portier.access.GrantVerdict;
import dev.portier.domain.grants.Permission;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * The answer of Portier's one access decision, as the explain view shows it: the verdict, the grant
 * that allows (and until when), or the reasons nothing does, and how every candidate grant fared.
 */
public record AccessDecisionResponse(
        boolean allowed,
        @Schema(example = "Denied: Outside the grant's schedule") String summary,
        @Schema(description = "The allowing grant; absent when a reservation allows") String grantId,
        @Schema(description = "The allowing reservation of a vehicle, when no grant allows") String reservationId,
        @Schema(description = "When the allowing grant, its open schedule window or the allowing reservation ends; "
                + "absent when never") Instant openUntil,
        @Schema(description = "Why nothing allows; empty when allowed") List<Reason> reasons,
        @Schema(description = "Every grant of the subject on the lock or its site") List<ConsideredGrant> considered,
        String lockId, Permission permission, Instant at,
        @Schema(description = "The site's time zone the schedules were read in", example = "Europe/Oslo") String timeZone) {

    /** A reason the subject may not: a stable code and a sentence. */
    public record Reason(@Schema(example = "OUTSIDE_SCHEDULE") DenialReason code,
            @Schema(example = "Outside the grant's schedule") String description) {
    }

    /** One candidate grant: whether it allows, or the reason it does not. */
    public record ConsideredGrant(String grantId, boolean allows, @Schema(nullable = true) DenialReason reason,
            @Schema(description = "For a member grant: its group grant", nullable = true) String groupGrantId,
            @Schema(description = "For a member grant: where it comes from", nullable = true,
                    example = "grant 'Cleaning weekdays' via group Cleaning staff") String via) {
    }

    static AccessDecisionResponse of(Decision decision) {
        return new AccessDecisionResponse(decision.allowed(), decision.summary(),
                decision.allowingGrant().map(g -> g.id()).orElse(null),
                decision.allowingReservation().map(r -> r.reservationId()).orElse(null), decision.openUntil(),
                decision.reasons().stream().map(r -> new Reason(r, r.description())).toList(),
                decision.considered().stream().map(v -> considered(decision, v)).toList(),
                decision.lockId(), decision.permission(), decision.at(), decision.zone().getId());
    }

    private static ConsideredGrant considered(Decision decision, GrantVerdict verdict) {
        return new ConsideredGrant(verdict.grant().id(), verdict.allows(), verdict.reason(), verdict.grant().groupGrantId(),
                decision.originOf(verdict.grant()).map(o -> o.describe()).orElse(null));
    }
}
