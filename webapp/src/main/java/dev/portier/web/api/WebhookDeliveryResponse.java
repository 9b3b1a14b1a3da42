package dev.portier.web.api;

import dev.portier.platform.webhooks.WebhookDelivery;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One message to one endpoint in its delivery log. {@code messageId} is the {@code webhook-id} header it is sent with. */
public record WebhookDeliveryResponse(String id, String messageId, String type,
        @Schema(allowableValues = {"PENDING", "SUCCEEDED", "FAILED"}) String state, int attempts,
        @Schema(nullable = true) Instant nextAttemptAt, @Schema(nullable = true) Instant lastAttemptAt,
        @Schema(nullable = true) Integer lastStatusCode, @Schema(nullable = true) Long lastLatencyMs,
        @Schema(nullable = true) String lastError, Instant createdAt) {

    static WebhookDeliveryResponse of(WebhookDelivery d) {
        return new WebhookDeliveryResponse(d.id(), d.messageId(), d.type(), d.state().name(), d.attempts(), d.nextAttemptAt(),
                d.lastAttemptAt(), d.lastStatusCode(), d.lastLatencyMs(), d.lastError(), d.createdAt());
    }
}
