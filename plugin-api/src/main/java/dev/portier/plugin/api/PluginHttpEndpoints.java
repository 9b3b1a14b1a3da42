package dev.portier.plugin.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Capability {@link Capability#HTTP_ENDPOINTS}, implemented by the driver: answers HTTP requests
 * for its own connection (vendor webhooks, callbacks such as Unloc's check-access). The host serves
 * them at {@code /api/plugins/{pluginId}/connections/{connectionId}/…}, resolves the connection
 * first (unknown → 404, the driver sees nothing) and hands the rest to that connection's driver.
 * Authenticating the caller (an API key header, a signature) is the driver's job; compare secrets in
 * constant time.
 *
 * <p>Called on a host worker with a time limit; may block briefly. The host caps the body size.
 */
public interface PluginHttpEndpoints {

    /** Answers one request of this connection; never throws for bad input (answer a 4xx). */
    PluginHttpResponse handle(PluginHttpRequest request);

    /**
     * A request as the host received it. Treat as immutable.
     *
     * @param method  upper-case HTTP method
     * @param path    the part after the connection id (or, for {@link LegacyEndpointRouting}, after
     *                {@code /api/plugins/{pluginId}}), starting with "/"
     * @param query   query parameters, decoded
     * @param headers request headers, names lower-case
     * @param body    the request body (empty when none)
     */
    record PluginHttpRequest(String method, String path, Map<String, List<String>> query, Map<String, List<String>> headers,
            byte[] body) {

        public PluginHttpRequest {
            query = query == null ? Map.of() : Map.copyOf(query);
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            body = body == null ? new byte[0] : body;
        }

        /** The first value of header {@code name} (any case), or {@code null}. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        /** The first value of query parameter {@code name}, or {@code null}. */
        public String parameter(String name) {
            List<String> values = query.get(name);
            return values == null || values.isEmpty() ? null : values.getFirst();
        }
    }

    /**
     * The driver's answer. Treat as immutable.
     *
     * @param status      HTTP status
     * @param contentType the body's media type; may be {@code null} with an empty body
     * @param body        the body
     * @param headers     further response headers
     */
    record PluginHttpResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
        public PluginHttpResponse {
            body = body == null ? new byte[0] : body;
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        /** A JSON answer. */
        public static PluginHttpResponse json(int status, String json) {
            return new PluginHttpResponse(status, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        /** An answer without body. */
        public static PluginHttpResponse empty(int status) {
            return new PluginHttpResponse(status, null, new byte[0], Map.of());
        }
    }
}
