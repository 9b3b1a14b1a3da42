package dev.portier.plugins.example.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.plugin.api.OutboundHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The door controller's HTTP protocol (JSON, see the simulator's Javadoc for every call). Jackson
 * comes from the host (a {@code provided} dependency). Every call goes through the host's
 * {@link OutboundHttp} and blocks: never call it from {@code initialize()}. Thread-safe.
 */
final class DoorControllerClient {

    static final String API_KEY_HEADER = "X-Api-Key";
    /** Log entries asked for per page; a full page means there may be more. */
    static final int LOG_PAGE = 100;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_LIMIT = Duration.ofSeconds(10);

    private final OutboundHttp http;
    private final URI baseUrl;
    private final String apiKey;

    DoorControllerClient(OutboundHttp http, URI baseUrl, String apiKey) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    /** The controller's answer: HTTP status and the JSON body (a missing node when empty or not JSON). */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String error() {
            return body.path("error").asText("HTTP " + status);
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    Answer status() throws IOException, InterruptedException {
        return exchange(request("/status").GET());
    }

    Answer command(String door, String commandId, String type) throws IOException, InterruptedException {
        return post("/doors/" + segment(door) + "/commands", object().put("commandId", commandId).put("type", type));
    }

    Answer log(long after) throws IOException, InterruptedException {
        return exchange(request("/log?after=" + after + "&limit=" + LOG_PAGE).GET());
    }

    Answer putRule(String door, String grantId, ObjectNode rule) throws IOException, InterruptedException {
        return exchange(request("/doors/" + segment(door) + "/rules/" + segment(grantId))
                .header("Content-Type", "application/json").PUT(body(rule)));
    }

    Answer deleteRule(String door, String grantId) throws IOException, InterruptedException {
        return exchange(request("/doors/" + segment(door) + "/rules/" + segment(grantId)).DELETE());
    }

    Answer enrol(String serialNumber, String installerCode) throws IOException, InterruptedException {
        return post("/enrolments", object().put("serialNumber", serialNumber).put("installerCode", installerCode));
    }

    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            // Not JSON: callers see a missing body and judge by the status.
            return MissingNode.getInstance();
        }
    }

    private Answer post(String path, ObjectNode json) throws IOException, InterruptedException {
        return exchange(request(path).header("Content-Type", "application/json").POST(body(json)));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_LIMIT).header(API_KEY_HEADER, apiKey);
    }

    private Answer exchange(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request.build());
        return new Answer(response.statusCode(), parse(response.body()));
    }

    private static HttpRequest.BodyPublisher body(ObjectNode json) throws IOException {
        return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(json));
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
