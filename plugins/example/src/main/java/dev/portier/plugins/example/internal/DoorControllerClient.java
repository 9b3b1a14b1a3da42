package dev.portier.plugins.example.internal;

import dev.portier.plugin.api.OutboundHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The door controller's HTTP protocol. It speaks form-encoded requests and answers and tab-separated
 * logs, so this example needs no JSON library (a real plugin would bundle one; see the plugin guide).
 * Every call goes through the host's {@link OutboundHttp} and blocks: never call it from
 * {@code initialize()}.
 */
final class DoorControllerClient {

    static final String API_KEY_HEADER = "X-Api-Key";
    private static final Duration REQUEST_LIMIT = Duration.ofSeconds(10);

    private final OutboundHttp http;
    private final DoorControllerSettings settings;

    DoorControllerClient(OutboundHttp http, DoorControllerSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    /** The controller's answer: HTTP status and body text. */
    record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** {@code GET /status}: answers 200 when the controller runs and accepts the key. */
    Answer status() throws IOException, InterruptedException {
        return exchange(request("/status").GET());
    }

    /** {@code POST /doors/{ref}/commands} with {@code commandId} and {@code type}; the controller runs a command id once. */
    Answer command(String vendorReference, String commandId, String type) throws IOException, InterruptedException {
        String form = form(Map.of("commandId", commandId, "type", type));
        return exchange(request("/doors/" + pathSegment(vendorReference) + "/commands")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** {@code GET /doors/{ref}/events?after=N}: one log entry a line, "entry TAB instant TAB type". */
    Answer events(String vendorReference, long afterEntryNumber) throws IOException, InterruptedException {
        return exchange(request("/doors/" + pathSegment(vendorReference) + "/events?after=" + afterEntryNumber).GET());
    }

    /** Decodes a form-encoded answer body. */
    static Map<String, String> parseForm(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : body.strip().split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
            }
        }
        return values;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(settings.baseUrl() + path))
                .timeout(REQUEST_LIMIT)
                .header(API_KEY_HEADER, settings.apiKey());
    }

    private Answer exchange(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request.build());
        return new Answer(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String pathSegment(String value) {
        return encode(value).replace("+", "%20");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
