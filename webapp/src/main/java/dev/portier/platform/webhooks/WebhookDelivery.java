package dev.portier.platform.webhooks;

import java.time.Instant;

/** One message to one endpoint, as the delivery log shows it. {@code messageId} is the {@code webhook-id} header. */
public record WebhookDelivery(String id, String endpointId, String messageId, String type, State state, int attempts,
        Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatusCode, Long lastLatencyMs, String lastError,
        Instant createdAt) {

    public enum State {
        PENDING, SUCCEEDED, FAILED
    }
}
