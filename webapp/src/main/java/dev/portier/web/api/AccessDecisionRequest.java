package dev.portier.web.api;

import dev.portier.domain.grants.Permission;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** The question: may this person or card do this at this lock at this instant? Exactly one of personId / cardId. */
public record AccessDecisionRequest(
        @Schema(description = "The person asking (or cardId)") String personId,
        @Schema(description = "The card tapped (or personId)") String cardId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String lockId,
        @Schema(description = "The instant to decide for; now when absent", example = "2026-05-04T09:30:00Z") Instant at,
        @Schema(description = "UNLOCK when absent") Permission permission) {
}
