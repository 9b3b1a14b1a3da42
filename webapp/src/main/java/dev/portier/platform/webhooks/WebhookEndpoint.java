package dev.portier.platform.webhooks;

import java.time.Instant;
import java.util.Set;

/**
 * Where an account hears about events. {@code previousSecretExpiresAt} is set while a rotated-out secret
 * still signs beside the new one. {@code failingSince}: the first failed attempt after the last success.
 */
public record WebhookEndpoint(String id, String accountId, String url, Set<WebhookEventType> events, boolean enabled,
        Status status, int consecutiveFailures, Instant failingSince, Instant previousSecretExpiresAt, Instant createdAt,
        Instant updatedAt) {

    public enum Status {
        /** The last attempt succeeded, or few have failed since. */
        HEALTHY,
        /** Several attempts in a row failed; deliveries go on with backoff. */
        FAILING,
        /** Only failures for days: nothing is sent until the endpoint is enabled again. */
        DISABLED
    }

    public WebhookEndpoint {
        events = Set.copyOf(events);
    }
}
