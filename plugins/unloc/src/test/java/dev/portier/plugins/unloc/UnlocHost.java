package dev.portier.plugins.unloc;

import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.LegacyEndpointRouting;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.PluginHttpEndpoints;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpRequest;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpResponse;
import dev.portier.plugin.conformance.TestDriverContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routes plugin requests the way SPI 2.0 says the host does: {@code /connections/{id}/…} to that
 * connection's driver (unknown → 404), anything else through the factory's deprecated
 * {@code LegacyEndpointRouting} (no route → 404). Paths are those after {@code /api/plugins/unloc}.
 */
@SuppressWarnings("removal")
final class UnlocHost implements AutoCloseable {

    private static final String CONNECTIONS = "/connections/";

    private final UnlocDriverFactory factory = new UnlocDriverFactory();
    private final Map<String, Connection> connections = new LinkedHashMap<>();

    private record Connection(TestDriverContext context, LockDriver driver) {
    }

    /** Starts a connection with these settings and answers its context. */
    TestDriverContext connect(Map<String, String> settings) {
        TestDriverContext context = TestDriverContext.of(settings);
        LockDriver driver = factory.create(context.configuration(), context);
        driver.initialize();
        connections.put(context.connectionId(), new Connection(context, driver));
        return context;
    }

    UnlocDriverFactory factory() {
        return factory;
    }

    LockDriver driver(DriverContext context) {
        return connections.get(context.connectionId()).driver();
    }

    /** The connection a request to the old URL goes to, as the factory decides. */
    Optional<String> legacyRoute(PluginHttpRequest request) {
        List<LegacyEndpointRouting.ConnectionSettings> settings = new ArrayList<>();
        connections.forEach((id, connection) -> settings.add(new LegacyEndpointRouting.ConnectionSettings(id, connection.context().configuration())));
        return factory.route(request, settings);
    }

    PluginHttpResponse serve(PluginHttpRequest request) {
        if (request.path().startsWith(CONNECTIONS)) {
            String rest = request.path().substring(CONNECTIONS.length());
            int slash = rest.indexOf('/');
            Connection connection = connections.get(slash < 0 ? rest : rest.substring(0, slash));
            if (connection == null || slash < 0) {
                return PluginHttpResponse.json(404, "{\"error\":\"no such connection\"}");
            }
            return ((PluginHttpEndpoints) connection.driver()).handle(new PluginHttpRequest(request.method(),
                    rest.substring(slash), request.query(), request.headers(), request.body()));
        }
        return legacyRoute(request)
                .map(id -> ((PluginHttpEndpoints) connections.get(id).driver()).handle(request))
                .orElseGet(() -> PluginHttpResponse.json(404, "{\"error\":\"no route\"}"));
    }

    @Override
    public void close() {
        connections.values().forEach(connection -> connection.context().dispose(connection.driver()));
        connections.values().forEach(connection -> connection.context().close());
    }
}
