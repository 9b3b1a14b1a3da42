package dev.portier.web.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** Why a grant is revoked; kept with the grant and in the audit log. */
public record RevokeRequest(
        @Schema(example = "Left the company", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 500) String reason) {
}
