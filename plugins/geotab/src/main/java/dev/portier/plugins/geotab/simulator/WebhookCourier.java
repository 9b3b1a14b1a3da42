package dev.portier.plugins.geotab.simulator;

import dev.portier.plugins.geotab.internal.KeylessJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The simulated Keyless Service's side of notifications: the tenant's subscription (webhook URL and
 * security token) and the deliveries to it. The token travels in the {@value #TOKEN_HEADER} header:
 * the vendor document names the subscription's {@code securityToken} but not how it is presented.
 * Thread-safe.
 */
public final class WebhookCourier {

    /** The header that carries the subscription's security token to the webhook. */
    public static final String TOKEN_HEADER = "SecurityToken";

    private static final int MAX_REMEMBERED = 1000;

    private final String database;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile String webhook;
    private volatile String securityToken;
    private volatile URI originOverride;

    /** One attempt to deliver a notification ({@code body} as sent): {@code status} 0 when the webhook could not be reached. */
    public record Delivery(String notificationId, String type, long timestamp, String body, int status, String answer) {
    }

    WebhookCourier(String database) {
        this.database = database;
    }

    void subscribe(String webhook, String securityToken) {
        this.webhook = webhook;
        this.securityToken = securityToken;
    }

    /** The subscription as {@code GET …/notification-subscriptions} answers it; empty when there is none. */
    Map<String, Object> subscription() {
        String url = webhook;
        return url == null ? Map.of() : Map.of("webhook", url, "securityToken", securityToken);
    }

    /** The security token of the subscription, or {@code null}: what the service presents on every delivery. */
    public String subscriptionToken() {
        return securityToken;
    }

    boolean subscribed() {
        return webhook != null;
    }

    /**
     * Delivers to this origin (scheme, host, port) instead of the subscription's: a sandbox reaches
     * Portier on loopback, where the vendor's cloud would use Portier's public address.
     */
    public void deliverTo(URI origin) {
        this.originOverride = origin;
    }

    /** Sends a tap or check-out notification in the documented shape and waits for the webhook's answer. */
    Delivery notify(String type, long timestamp, Map<String, Object> data) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("NotificationId", UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT));
        body.put("Database", database);
        body.put("Timestamp", timestamp);
        body.put("Type", type);
        body.put("Data", KeylessJson.write(data));
        return send((String) body.get("NotificationId"), type, timestamp, KeylessJson.write(body));
    }

    /** Sends the notification a created or changed subscription triggers ({@code "type": 2}). */
    Delivery notifySubscriptionChanged(long timestamp) {
        String id = UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("timestamp", timestamp);
        body.put("type", 2);
        body.put("notificationId", id);
        return send(id, "SubscriptionChanged", timestamp, KeylessJson.write(body));
    }

    /** Sends a delivered notification again, unchanged, as a vendor retrying a delivery would. */
    public Delivery resend(Delivery earlier) {
        return send(earlier.notificationId(), earlier.type(), earlier.timestamp(), earlier.body());
    }

    /** The deliveries so far (the last 1,000), in order. */
    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    private Delivery send(String notificationId, String type, long timestamp, String json) {
        String url = webhook;
        Delivery delivery;
        if (url == null) {
            delivery = new Delivery(notificationId, type, timestamp, json, 0, "no notification subscription");
        } else {
            delivery = post(notificationId, type, timestamp, target(URI.create(url)), json);
        }
        deliveries.add(delivery);
        if (deliveries.size() > MAX_REMEMBERED) {
            deliveries.removeFirst();
        }
        return delivery;
    }

    private Delivery post(String notificationId, String type, long timestamp, URI target, String json) {
        try {
            HttpRequest request = HttpRequest.newBuilder(target)
                    .timeout(Duration.ofSeconds(8))
                    .header("Content-Type", "application/json")
                    .header(TOKEN_HEADER, securityToken == null ? "" : securityToken)
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Delivery(notificationId, type, timestamp, json, response.statusCode(), response.body());
        } catch (java.io.IOException | IllegalArgumentException e) {
            return new Delivery(notificationId, type, timestamp, json, 0, "not delivered: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery(notificationId, type, timestamp, json, 0, "interrupted");
        }
    }

    private URI target(URI subscribed) {
        URI origin = originOverride;
        if (origin == null) {
            return subscribed;
        }
        return URI.create(origin.getScheme() + "://" + origin.getRawAuthority() + subscribed.getRawPath());
    }

    void close() {
        client.close();
    }
}
