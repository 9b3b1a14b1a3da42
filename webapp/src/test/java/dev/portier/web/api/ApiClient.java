package dev.portier.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.testing.RunningServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls the REST API of a {@link RunningServer} over real HTTP with one bearer token (or none). */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final RunningServer server;
    private final String token;

    ApiClient(RunningServer server, String token) {
        this.server = server;
        this.token = token;
    }

    ApiClient withToken(String other) {
        return new ApiClient(server, other);
    }

    /** An answer: status, raw body, and the body as JSON (null when it is not JSON). */
    record Answer(int status, String body, JsonNode json, HttpResponse<String> raw) {
        String error() {
            return json == null || json.get("error") == null ? null : json.get("error").asText();
        }

        String field() {
            return json == null || json.get("field") == null ? null : json.get("field").asText();
        }

        String id() {
            return json.get("id").asText();
        }

        String text(String name) {
            JsonNode value = json.get(name);
            return value == null || value.isNull() ? null : value.asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    Answer delete(String path) {
        return send("DELETE", path, null);
    }

    Answer post(String path, Object body) {
        return send("POST", path, body);
    }

    Answer put(String path, Object body) {
        return send("PUT", path, body);
    }

    /** Sends {@code body} as JSON: a String is sent as it is (for malformed input), anything else is serialised. */
    Answer send(String method, String path, Object body) {
        return send(method, path, body, "application/json", null);
    }

    /** As {@link #send(String, String, Object)}, with the given Content-Type and Accept headers (null: none). */
    Answer send(String method, String path, Object body, String contentType, String accept) {
        return send(method, path, body, contentType, accept, token == null ? null : "Bearer " + token);
    }

    /** As above, with the whole Authorization header given (null: none). */
    Answer send(String method, String path, Object body, String contentType, String accept, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType);
            request.method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : write(body)));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), parse(response.body()), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isEmpty() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
