package dev.portier.platform.webhooks;

/** An endpoint with the secret it signs with from now on: shown once, never readable again. */
public record NewWebhookSecret(WebhookEndpoint endpoint, String secret) {
}
