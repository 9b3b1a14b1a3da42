package dev.portier.plugins.geotab.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.portier.plugin.api.OutboundHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The Keyless Service API as the vendor document gives it, below {@code /api/tenants/{database}}. Every
 * call blocks: use it from capability methods or scheduled work, never from {@code initialize()}.
 */
final class KeylessClient {

    private static final Duration REQUEST_LIMIT = Duration.ofSeconds(8);

    private final OutboundHttp http;
    private final URI baseUrl;
    private final GeotabSettings settings;

    /** The service's answer: HTTP status and the body, parsed when it is a JSON object (else a missing node). */
    record Answer(int status, JsonNode json, String text) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The service's {@code error} sentence, or the status. */
        String error() {
            String error = KeylessJson.text(json, "error");
            return error != null ? error : "HTTP " + status + (text.isBlank() ? "" : ": " + text);
        }
    }

    KeylessClient(OutboundHttp http, URI baseUrl, GeotabSettings settings) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.settings = settings;
    }

    Answer subscription() throws IOException, InterruptedException {
        return exchange(request("/notification-subscriptions").GET());
    }

    /** Creates ({@code POST}) or modifies ({@code PATCH}) the tenant's notification subscription. */
    Answer subscribe(boolean exists, String webhook, String securityToken) throws IOException, InterruptedException {
        String body = KeylessJson.write(Map.of("webhook", webhook, "securityToken", securityToken));
        return exchange(json(request("/notification-subscriptions"), exists ? "PATCH" : "POST", body));
    }

    Answer createVirtualKey(String serialNumber, Map<String, Object> body) throws IOException, InterruptedException {
        return exchange(json(request(device(serialNumber) + "/virtual-keys"), "POST", KeylessJson.write(body)));
    }

    Answer deleteVirtualKey(String serialNumber, String virtualKeyId) throws IOException, InterruptedException {
        return exchange(request(device(serialNumber) + "/virtual-keys/" + segment(virtualKeyId)).DELETE());
    }

    Answer deleteAllVirtualKeys(String serialNumber) throws IOException, InterruptedException {
        return exchange(request(device(serialNumber) + "/virtual-keys").DELETE());
    }

    Answer commands(String serialNumber, Map<String, Object> body) throws IOException, InterruptedException {
        return exchange(json(request(device(serialNumber) + "/commands"), "POST", KeylessJson.write(body)));
    }

    /**
     * The device's connectivity and firmware, for lock health. Not in the Keyless document: an assumed
     * endpoint the simulator serves (see the plugin's README); Geotab answers it with an error.
     */
    Answer deviceStatus(String serialNumber) throws IOException, InterruptedException {
        return exchange(request(device(serialNumber) + "/status").GET());
    }

    private static String device(String serialNumber) {
        return "/devices/" + segment(serialNumber);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/api/tenants/" + segment(settings.database()) + path))
                .timeout(REQUEST_LIMIT)
                .header("Authorization", "Bearer " + settings.apiKey())
                .header("Accept", "application/json");
    }

    private static HttpRequest.Builder json(HttpRequest.Builder request, String method, String body) {
        return request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private Answer exchange(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request.build());
        String text = new String(response.body(), StandardCharsets.UTF_8);
        JsonNode json;
        try {
            json = text.isBlank() ? MissingNode.getInstance() : KeylessJson.object(text);
        } catch (IllegalArgumentException e) {
            json = MissingNode.getInstance();
        }
        return new Answer(response.statusCode(), json, text);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
