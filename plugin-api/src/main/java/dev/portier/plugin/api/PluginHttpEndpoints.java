package dev.portier.plugin.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Capability {@link Capability#HTTP_ENDPOINTS}, implemented by the factory: answers HTTP requests
 * under {@code /api/plugins/{pluginId}/…} (vendor webhooks, callbacks such as Unloc's check-access).
 * A request names no connection; the plugin finds it from the request (an API header, a security
 * token) among {@code connections} and must answer without revealing other connections.
 *
 * <p>Called on a host worker with a time limit; may block briefly. The host caps the body size.
 */
public interface PluginHttpEndpoints {

    PluginHttpResponse handle(PluginHttpRequest request, List<PluginConnection> connections);

    /**
     * @param method  upper-case HTTP method
     * @param path    the path below {@code /api/plugins/{pluginId}}, starting with "/"
     * @param query   query parameters, decoded
     * @param headers request headers, names lower-case
     * @param body    the request body (empty when none)
     */
    record PluginHttpRequest(String method, String path, Map<String, List<String>> query, Map<String, List<String>> headers,
            byte[] body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        public String parameter(String name) {
            List<String> values = query.get(name);
            return values == null || values.isEmpty() ? null : values.getFirst();
        }
    }

    record PluginHttpResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
        public PluginHttpResponse {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        public static PluginHttpResponse json(int status, String json) {
            return new PluginHttpResponse(status, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
        }
    }

    /** One running connection of this plugin, in whichever account. */
    record PluginConnection(String connectionId, DriverConfiguration configuration, LockDriver driver, DriverContext context) {
    }
}
