package dev.portier.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.portier.platform.webhooks.WebhookDraft;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A webhook endpoint to add, or its new state (PUT replaces every field). Read-only fields of a response are ignored. */
@JsonIgnoreProperties({"id", "status", "createdAt", "updatedAt", "consecutiveFailures", "failingSince",
        "previousSecretExpiresAt", "secret"})
public record WebhookRequest(
        @Schema(example = "https://bookings.example.com/portier/webhooks", requiredMode = Schema.RequiredMode.REQUIRED,
                maxLength = 2000) String url,
        @ArraySchema(schema = @Schema(example = "grant.created",
                description = "Dotted event types: grant.created, grant.updated, grant.revoked, grant.sync_applied, "
                        + "grant.sync_failed, key.issued, key.revoked, lock.event, revocation.confirmed, reservation.updated, "
                        + "command.completed, command.failed, connection.status_changed, certificate.expiring"),
                minItems = 1) List<String> events,
        @Schema(description = "Whether events are sent (default true)", nullable = true) Boolean enabled) {

    WebhookDraft toDraft() {
        return new WebhookDraft(url, events, enabled == null || enabled);
    }
}
