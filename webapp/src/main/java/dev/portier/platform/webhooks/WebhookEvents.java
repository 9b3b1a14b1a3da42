package dev.portier.platform.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.db.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The outbox: {@link #publish} writes an event, and a delivery to each of the account's enabled endpoints
 * that subscribe to its type, in the caller's transaction, so the event exists exactly when the change that
 * caused it was committed. {@link WebhookDeliveryWorker} sends it afterwards. An account without endpoints
 * costs one indexed query per event and writes nothing.
 */
@Singleton
public final class WebhookEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    @Inject
    WebhookEvents(Clock clock) {
        this.clock = clock;
    }

    /**
     * Publishes an event in the transaction of {@code h}.
     *
     * @param resourceKey what the event is about (e.g. {@code grant:<id>}): an endpoint receives the events of one
     *                    resource in the order they were published
     * @param data        the payload's {@code data}: ids the API resolves and plain values (strings, numbers, booleans)
     */
    public void publish(Handle h, String accountId, WebhookEventType type, String resourceKey, Map<String, ?> data) {
        publish(h, accountId, subscribers(h, accountId, type), type, resourceKey, data);
    }

    /**
     * The account's enabled endpoints that subscribe to {@code type}, read in the transaction of {@code h}: asked
     * once for a batch of events of one type, then handed to {@link #publish(Handle, String, List, WebhookEventType,
     * String, Map)} for each.
     */
    public List<String> subscribers(Handle h, String accountId, WebhookEventType type) {
        return h.createQuery("SELECT id, event_types FROM webhook_endpoints WHERE account_id = :accountId "
                        + "AND enabled = :enabled AND status <> 'DISABLED'")
                .bind("accountId", accountId).bind("enabled", true)
                .map((rs, ctx) -> WebhookEndpoints.parse(rs.getString("event_types")).contains(type) ? rs.getString("id") : null)
                .list().stream().filter(java.util.Objects::nonNull).toList();
    }

    /** Publishes an event to {@code endpoints} (from {@link #subscribers}) in the transaction of {@code h}. */
    public void publish(Handle h, String accountId, List<String> endpoints, WebhookEventType type, String resourceKey,
            Map<String, ?> data) {
        if (endpoints.isEmpty()) {
            return;
        }
        long now = clock.millis();
        String messageId = insertMessage(h, accountId, type, resourceKey, data, now);
        for (String endpointId : endpoints) {
            insertDelivery(h, accountId, endpointId, messageId, resourceKey, now);
        }
    }

    /** Publishes to one endpoint only (a test event); returns the delivery's id. */
    String publishTo(Handle h, WebhookEndpoint endpoint, WebhookEventType type, String resourceKey, Map<String, ?> data) {
        long now = clock.millis();
        String messageId = insertMessage(h, endpoint.accountId(), type, resourceKey, data, now);
        return insertDelivery(h, endpoint.accountId(), endpoint.id(), messageId, resourceKey, now);
    }

    private static String insertMessage(Handle h, String accountId, WebhookEventType type, String resourceKey,
            Map<String, ?> data, long now) {
        String messageId = "msg_" + Ids.newId().replace("-", "");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type.wireName());
        payload.put("timestamp", Instant.ofEpochMilli(now).toString());
        payload.put("data", data);
        String json;
        try {
            json = JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The data of a " + type.wireName() + " event is not JSON: " + e.getMessage(), e);
        }
        h.createUpdate("INSERT INTO webhook_messages (id, account_id, type, resource_key, payload, created_at) "
                        + "VALUES (:id, :accountId, :type, :resourceKey, :payload, :now)")
                .bind("id", messageId).bind("accountId", accountId).bind("type", type.wireName())
                .bind("resourceKey", truncate(resourceKey)).bind("payload", json).bind("now", now).execute();
        return messageId;
    }

    static String insertDelivery(Handle h, String accountId, String endpointId, String messageId, String resourceKey, long now) {
        String id = Ids.newId();
        h.createUpdate("INSERT INTO webhook_deliveries (id, endpoint_id, message_id, account_id, resource_key, state, attempts, "
                        + "next_attempt_at, created_at) VALUES (:id, :endpointId, :messageId, :accountId, :resourceKey, 'PENDING', 0, "
                        + ":now, :now)")
                .bind("id", id).bind("endpointId", endpointId).bind("messageId", messageId).bind("accountId", accountId)
                .bind("resourceKey", truncate(resourceKey)).bind("now", now).execute();
        return id;
    }

    private static String truncate(String key) {
        return key.length() <= 200 ? key : key.substring(0, 200);
    }
}
