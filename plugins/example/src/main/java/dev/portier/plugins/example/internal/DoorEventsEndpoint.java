package dev.portier.plugins.example.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portier.plugin.api.EventSink;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpRequest;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * The controller's webhook, {@code POST /door-events} under the connection's URL: new log entries,
 * authenticated by the connection's API key in {@code X-Api-Key} and recorded through the
 * {@link EventSink}. The same entry numbers as the pulled log, so an entry that arrives both ways is
 * stored once.
 */
final class DoorEventsEndpoint {

    static final String PATH = "/door-events";

    private final byte[] apiKeyDigest;
    private final DoorLog log;
    private final EventSink events;

    DoorEventsEndpoint(String apiKey, DoorLog log, EventSink events) {
        this.apiKeyDigest = apiKey == null ? null : sha256(apiKey);
        this.log = log;
        this.events = events;
    }

    PluginHttpResponse handle(PluginHttpRequest request) {
        if (!request.path().equals(PATH)) {
            return PluginHttpResponse.json(404, "{\"error\":\"no such endpoint\"}");
        }
        if (!request.method().equals("POST")) {
            return new PluginHttpResponse(405, null, new byte[0], Map.of("Allow", "POST"));
        }
        if (!authentic(request.header(DoorControllerClient.API_KEY_HEADER))) {
            return PluginHttpResponse.json(401, "{\"error\":\"unknown key\"}");
        }
        JsonNode body = DoorControllerClient.parse(request.body());
        if (!body.path("entries").isArray()) {
            return PluginHttpResponse.json(400, "{\"error\":\"expected {\\\"entries\\\": [...]}\"}");
        }
        try {
            log.events(body.path("entries")).forEach(events::record);
        } catch (RuntimeException e) {
            // A malformed entry (date, number): the controller must fix its request, not retry it as is.
            return PluginHttpResponse.json(400, "{\"error\":\"malformed entry\"}");
        }
        return PluginHttpResponse.empty(204);
    }

    /** Constant time over equal-length digests, so the comparison does not leak the key. */
    private boolean authentic(String presented) {
        return apiKeyDigest != null && presented != null && MessageDigest.isEqual(apiKeyDigest, sha256(presented));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
