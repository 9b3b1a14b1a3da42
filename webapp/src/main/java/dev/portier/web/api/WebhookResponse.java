package dev.portier.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.portier.platform.webhooks.WebhookEndpoint;
import dev.portier.platform.webhooks.WebhookEventType;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A webhook endpoint as the API shows it. {@code secret} only in the answer to creating it or rotating its
 * secret: it is never shown again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookResponse(String id, String url, List<String> events, boolean enabled,
        @Schema(allowableValues = {"HEALTHY", "FAILING", "DISABLED"}) String status, int consecutiveFailures,
        @Schema(nullable = true) Instant failingSince,
        @Schema(nullable = true, description = "Until when the previous secret still signs beside the current one")
        Instant previousSecretExpiresAt,
        Instant createdAt, Instant updatedAt,
        @Schema(nullable = true, description = "whsec_…; only when the endpoint was created or its secret rotated")
        String secret) {

    static WebhookResponse of(WebhookEndpoint endpoint) {
        return of(endpoint, null);
    }

    static WebhookResponse of(WebhookEndpoint endpoint, String secret) {
        return new WebhookResponse(endpoint.id(), endpoint.url(),
                endpoint.events().stream().sorted().map(WebhookEventType::wireName).toList(), endpoint.enabled(),
                endpoint.status().name(), endpoint.consecutiveFailures(), endpoint.failingSince(),
                endpoint.previousSecretExpiresAt(), endpoint.createdAt(), endpoint.updatedAt(), secret);
    }
}
