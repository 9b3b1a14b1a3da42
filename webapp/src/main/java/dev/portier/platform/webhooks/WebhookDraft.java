package dev.portier.platform.webhooks;

import java.util.List;

/** What a caller asks for when adding or changing an endpoint; event names as given (checked by the service). */
public record WebhookDraft(String url, List<String> events, boolean enabled) {
}
