package dev.portier.plugins.geotab;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portier.plugin.api.ConnectionState;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LegacyEndpointRouting.ConnectionSettings;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpRequest;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpResponse;
import dev.portier.plugin.conformance.TestDriverContext;
import dev.portier.plugins.geotab.internal.GeotabDriver;
import dev.portier.plugins.geotab.simulator.KeylessSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Geotab connection in production mode against a simulated Keyless Service, with Portier's webhook
 * served over real HTTP on loopback the way the host serves plugin endpoints: a request to
 * {@code /api/plugins/geotab/connections/{connectionId}/…} becomes a {@link PluginHttpRequest} for that
 * connection's driver (another connection id is 404); any other request below
 * {@code /api/plugins/geotab} is routed by the factory's legacy routing, 404 when it names no connection.
 * Simulator and driver share the test's {@link dev.portier.plugin.conformance.MutableClock}.
 */
final class GeotabHarness implements AutoCloseable {

    static final String API_KEY = "keyless-test-key";
    static final String DATABASE = "portierfleet";
    static final LockRef VAN = new LockRef("lock-van", "G9A720FBE29A", "Van 7", "Europe/Berlin");

    final GeotabFactory factory = new GeotabFactory();
    final KeylessSimulator simulator;
    final TestDriverContext context;
    final GeotabDriver driver;
    private final HttpServer webhook;
    private final HttpClient client = HttpClient.newHttpClient();
    private final ExecutorService webhookThreads = Executors.newCachedThreadPool();

    /** A clock the simulator reads before the context (and its clock) exists. */
    private static final class LateClock extends Clock {
        volatile Clock target = Clock.fixed(TestDriverContext.START, ZoneOffset.UTC);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return target.instant();
        }
    }

    GeotabHarness() {
        this(KeylessSimulator.CHECK_IN_TIMER);
    }

    /** Production mode against a simulator started here, whose devices have this CheckIn timer. */
    GeotabHarness(Duration checkInTimer) {
        this(checkInTimer, false);
    }

    /** Sandbox mode: the driver starts its own simulator (with the documented one-minute timer). */
    static GeotabHarness sandbox() {
        return new GeotabHarness(KeylessSimulator.CHECK_IN_TIMER, true);
    }

    private GeotabHarness(Duration checkInTimer, boolean sandbox) {
        LateClock clock = new LateClock();
        try {
            webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        webhook.setExecutor(webhookThreads);
        webhook.createContext("/", this::serve);
        webhook.start();
        KeylessSimulator own = sandbox ? null : KeylessSimulator.start(API_KEY, DATABASE, clock, checkInTimer);
        context = TestDriverContext.of(sandbox ? Map.of("mode", "sandbox", "database", DATABASE)
                : Map.of("mode", "production", "database", DATABASE, "baseUrl", own.url(), "apiKey", API_KEY,
                        "publicBaseUrl", portierUrl()));
        clock.target = context.clock();
        context.addLock(VAN);
        driver = (GeotabDriver) factory.create(new DriverConfiguration(context.configuration().values()), context);
        driver.initialize();
        simulator = sandbox ? driver.simulator() : own;
        context.awaitStatus(s -> s.state() == ConnectionState.ONLINE, Duration.ofSeconds(5));
    }

    /** Where the test's "Portier" serves HTTP, e.g. http://127.0.0.1:40000. */
    String portierUrl() {
        return "http://127.0.0.1:" + webhook.getAddress().getPort();
    }

    /** The connection's webhook URL, as the subscription registers it. */
    String webhookUrl() {
        return portierUrl() + "/api/plugins/geotab/connections/" + context.connectionId() + "/notifications";
    }

    /** Posts a body to the connection's webhook with this security token header (none when null). */
    HttpResponse<String> postNotification(String token, String body) throws IOException, InterruptedException {
        return post(webhookUrl(), token, body);
    }

    /** Posts a body to the SPI 1.x webhook URL, which names no connection. */
    HttpResponse<String> postLegacyNotification(String token, String body) throws IOException, InterruptedException {
        return post(portierUrl() + "/api/plugins/geotab/notifications", token, body);
    }

    /** Posts a body to {@code url} with this security token header (none when null). */
    HttpResponse<String> post(String url, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("SecurityToken", token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Calls the simulated Keyless Service directly, as another integration on the same database would. */
    HttpResponse<String> callService(String method, String pathBelowTenant, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.url() + "/api/tenants/" + DATABASE + pathBelowTenant))
                .header("Authorization", "Bearer " + API_KEY).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Requests the simulator received for the van's {@code resource} with {@code method}. */
    long requests(String method, String resource) {
        String prefix = method + " /api/tenants/" + DATABASE + "/devices/" + VAN.vendorReference() + "/" + resource;
        return simulator.requests().stream().filter(r -> r.startsWith(prefix)).count();
    }

    /** Serves Portier's webhook for a driver other than the harness's own (a restarted one). */
    volatile GeotabDriver serving;

    /** Requests the legacy routing chose a connection for, in order. */
    final List<String> legacyRouted = new CopyOnWriteArrayList<>();

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String plugin = "/api/plugins/geotab";
            String connection = plugin + "/connections/" + context.connectionId();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            GeotabDriver current = serving != null ? serving : driver;
            PluginHttpResponse response;
            if (path.startsWith(connection + "/")) {
                response = current.handle(request(exchange, path.substring(connection.length()), headers, body));
            } else if (path.startsWith(plugin + "/connections/")) {
                response = PluginHttpResponse.json(404, "{\"error\":\"no such connection\"}");
            } else if (path.startsWith(plugin + "/")) {
                PluginHttpRequest request = request(exchange, path.substring(plugin.length()), headers, body);
                Optional<String> routed = factory.route(request,
                        List.of(new ConnectionSettings("another-connection", context.configuration()),
                                new ConnectionSettings(context.connectionId(), context.configuration())));
                routed.ifPresent(legacyRouted::add);
                response = routed.filter(context.connectionId()::equals).isPresent() ? current.handle(request)
                        : PluginHttpResponse.json(404, "{\"error\":\"no connection\"}");
            } else {
                response = PluginHttpResponse.json(404, "{}");
            }
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), response.body().length);
            exchange.getResponseBody().write(response.body());
        }
    }

    private static PluginHttpRequest request(HttpExchange exchange, String path, Map<String, List<String>> headers,
            byte[] body) {
        return new PluginHttpRequest(exchange.getRequestMethod(), path, new LinkedHashMap<>(), headers, body);
    }

    /** Waits until the condition holds (deliveries and timers run on other threads). */
    static void await(java.util.function.BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within %s", limit).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        context.dispose((LockDriver) driver);
        context.close();
        if (simulator != driver.simulator()) {
            simulator.close();
        }
        webhook.stop(0);
        webhookThreads.shutdownNow();
        client.close();
    }
}
