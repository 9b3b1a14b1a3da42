package dev.portier.plugins.reference.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.plugins.reference.MobileApiException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Portier's mobile API (/api/v1/mobile) over plain {@code java.net.http}, as a phone app calls it:
 * JSON in and out, the device token as a bearer token. Errors become {@link MobileApiException}.
 */
public final class MobileApiClient {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(8);
    /** One client for every simulated phone: each HttpClient keeps a selector thread until it is collected. */
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();

    private final String base;

    public MobileApiClient(URI portierBaseUrl) {
        String text = portierBaseUrl.toString();
        this.base = (text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + "/api/v1/mobile";
    }

    /** A path segment, percent-encoded (lock ids are the host's, but never trust a path). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public JsonNode get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token, "GET " + path);
    }

    public JsonNode post(String path, String token, JsonNode body) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException("JSON of a tree cannot fail", e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        return send(request, token, "POST " + path);
    }

    private JsonNode send(HttpRequest.Builder request, String token, String what) {
        request.timeout(TIMEOUT).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MobileApiException(0, "Portier could not be reached at " + base + " (" + e.getClass().getSimpleName() + ")", List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MobileApiException(0, "Interrupted while calling " + what, List.of());
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            String message = body.path("error").asText("");
            List<String> reasons = new ArrayList<>();
            body.path("reasons").forEach(reason -> reasons.add(reason.asText()));
            throw new MobileApiException(response.statusCode(), what + " answered HTTP " + response.statusCode()
                    + (message.isEmpty() ? "" : ": " + message), reasons);
        }
        return body;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
