package dev.portier.web.server;

import dev.portier.drivers.plugins.DriverCallResult;
import dev.portier.drivers.plugins.DriverCalls;
import dev.portier.drivers.plugins.DriverFactories;
import dev.portier.web.ui.Routes;
import dev.portier.drivers.connections.ConnectionRuntime;
import dev.portier.plugin.api.LegacyEndpointRouting;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.plugin.api.PluginHttpEndpoints;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpRequest;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/plugins/{pluginId}/connections/{connectionId}/…}: the host resolves the connection — it
 * must run now on a driver of that plugin, otherwise 404 — and hands the request to that connection's
 * driver ({@link PluginHttpEndpoints}) on a driver worker (time limit {@link DriverCalls#DEFAULT_LIMIT});
 * the driver sees only its own connection's requests. Mapped beside the REST API at {@code /api/*}; the
 * servlet container picks the longest matching prefix, so these paths come here.
 *
 * <p>Deprecated for one release: the old connection-less URLs {@code /api/plugins/{pluginId}/…} (Unloc's
 * check-access, Geotab's webhook) are routed by the plugin's {@code LegacyEndpointRouting} (e.g. by the
 * request's API key); a request it routes nowhere gets 401.
 *
 * <p>Public on purpose: vendors call these URLs and the driver authenticates them. Whatever the driver
 * does, the client gets JSON: 404 when no such endpoint exists, 413 for bodies over
 * {@value #MAX_BODY_BYTES} bytes, 502 when the handler throws or answers nonsense, 504 when it
 * overruns, 503 when every driver worker is busy.
 */
@Singleton
public final class PluginEndpointServlet extends HttpServlet {

    /** The largest request body handed to a plugin. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    // Framing is the container's business, not the plugin's.
    private static final Set<String> HOST_HEADERS = Set.of("content-length", "content-type", "transfer-encoding", "connection");

    private final transient DriverFactories factories;
    private final transient ConnectionRuntime connections;
    private final transient DriverCalls calls;

    @Inject
    PluginEndpointServlet(DriverFactories factories, ConnectionRuntime connections, DriverCalls calls) {
        this.factories = factories;
        this.connections = connections;
        this.calls = calls;
    }

    /** The address of a connection's endpoints, below the server's root: what the UI shows to paste into a vendor's portal. */
    public static String path(String pluginId, String connectionId) {
        // Kept in web.ui.Routes, where the Connections page (which may not depend on the server wiring) reads it too.
        return Routes.pluginEndpoints(pluginId, connectionId);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        String[] parts = pathInfo.split("/", 5);
        String pluginId = parts.length > 1 ? parts[1] : "";
        if (pluginId.isEmpty()) {
            error(response, HttpServletResponse.SC_NOT_FOUND, "Name a plugin: /api/plugins/{pluginId}/connections/{connectionId}/…");
            return;
        }
        boolean routed = parts.length > 3 && parts[2].equals("connections");
        String connectionId = routed ? parts[3] : null;
        String[] legacyParts = pathInfo.split("/", 3);
        String path = routed ? (parts.length > 4 ? "/" + parts[4] : "/") : (legacyParts.length > 2 ? "/" + legacyParts[2] : "/");
        if (routed && !connections.runs(pluginId, connectionId)) {
            error(response, HttpServletResponse.SC_NOT_FOUND, "No running connection " + connectionId + " of plugin " + pluginId);
            return;
        }
        if (!routed && factories.legacyRouting(pluginId).isEmpty()) {
            error(response, HttpServletResponse.SC_NOT_FOUND,
                    "Name a connection: /api/plugins/" + pluginId + "/connections/{connectionId}/…");
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            error(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, tooLarge());
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            error(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, tooLarge());
            return;
        }
        Map<String, List<String>> query;
        try {
            query = query(request.getQueryString());
        } catch (IllegalArgumentException e) {
            error(response, HttpServletResponse.SC_BAD_REQUEST, "The query string is not valid: " + e.getMessage());
            return;
        }
        PluginHttpRequest call = new PluginHttpRequest(request.getMethod().toUpperCase(Locale.ROOT), path, query,
                headers(request), body);
        if (!routed) {
            Optional<String> legacy = legacyRoute(pluginId, call);
            if (legacy.isEmpty()) {
                error(response, HttpServletResponse.SC_UNAUTHORIZED, "No connection of " + pluginId + " accepts this request; "
                        + "use the connection's own URL /api/plugins/" + pluginId + "/connections/{connectionId}/…");
                return;
            }
            connectionId = legacy.get();
        }
        String what = pluginId + ": " + call.method() + " " + path;
        DriverCallResult<PluginHttpResponse> result = connections.callCapability(connectionId, PluginHttpEndpoints.class,
                "answer " + call.method() + " " + path, endpoints -> endpoints.handle(call));
        switch (result) {
            case DriverCallResult.Succeeded<PluginHttpResponse> ok -> answer(response, what, ok.value());
            case DriverCallResult.Failed<PluginHttpResponse> failed -> error(response, switch (failed.reason()) {
                case TIMEOUT -> HttpServletResponse.SC_GATEWAY_TIMEOUT;
                case BUSY -> HttpServletResponse.SC_SERVICE_UNAVAILABLE;
                case UNAVAILABLE -> HttpServletResponse.SC_NOT_FOUND;
                case EXCEPTION -> HttpServletResponse.SC_BAD_GATEWAY;
            }, failed.message());
        }
    }

    /** Which connection an old-style request is for, asked of the plugin's deprecated routing on a worker. */
    @SuppressWarnings("removal")
    private Optional<String> legacyRoute(String pluginId, PluginHttpRequest call) {
        LegacyEndpointRouting routing = factories.legacyRouting(pluginId).orElseThrow();
        List<LegacyEndpointRouting.ConnectionSettings> running = connections.settingsOf(pluginId);
        DriverCallResult<Optional<String>> routed = calls.call(pluginId, pluginId + ": route " + call.path(),
                DriverCalls.inLoader(routing.getClass().getClassLoader(), () -> routing.route(call, running)));
        if (routed instanceof DriverCallResult.Succeeded<Optional<String>> ok && ok.value() != null && ok.value().isPresent()
                && connections.runs(pluginId, ok.value().get())) {
            return ok.value();
        }
        return Optional.empty();
    }

    private static void answer(HttpServletResponse response, String what, PluginHttpResponse answer) throws IOException {
        if (answer == null || answer.status() < 100 || answer.status() > 599) {
            error(response, HttpServletResponse.SC_BAD_GATEWAY, what + " answered no valid HTTP response");
            return;
        }
        response.setStatus(answer.status());
        answer.headers().forEach((name, value) -> {
            if (name != null && value != null && !HOST_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                response.setHeader(name, value);
            }
        });
        byte[] bytes = answer.body() == null ? new byte[0] : answer.body();
        response.setContentType(answer.contentType() == null ? "application/octet-stream" : answer.contentType());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static void error(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        JSON.writeValue(response.getOutputStream(), Map.of("error", message));
    }

    private static String tooLarge() {
        return "The request body is larger than " + MAX_BODY_BYTES / (1024 * 1024) + " MiB";
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                    .addAll(Collections.list(request.getHeaders(name)));
        }
        headers.replaceAll((name, values) -> List.copyOf(values));
        return Map.copyOf(headers);
    }

    /** The query string only: a form body stays in the body, unread by the container. */
    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        query.replaceAll((name, values) -> List.copyOf(values));
        return Map.copyOf(query);
    }
}
