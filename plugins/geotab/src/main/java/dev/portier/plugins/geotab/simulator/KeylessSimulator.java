package dev.portier.plugins.geotab.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portier.plugin.api.LimitExceededException;
import dev.portier.plugins.geotab.internal.KeylessJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Geotab's Keyless Service (API 1.1, NFC part) and its GO devices, simulated on a loopback port with
 * real HTTP: {@code /api/tenants/{database}/notification-subscriptions} (GET, POST, PATCH),
 * {@code …/devices/{serialNumber}/virtual-keys} (POST, DELETE all), {@code …/virtual-keys/{virtualKeyId}}
 * (DELETE), {@code …/devices/{serialNumber}/commands} (POST), and — standing in for MyGeotab's device
 * status feed, which is not part of the Keyless API — {@code GET …/devices/{serialNumber}/status}
 * ({@code isDeviceCommunicating}, {@code lastCommunicationTimestamp} in epoch milliseconds like the
 * document's timestamps, {@code firmwareVersion}; shapes assumed, the document names no such call).
 * Like the service, it keeps the devices' stored keys in sync itself ({@link #synchroniseDevices}, every
 * {@link #SYNC_PERIOD}); integrators see nothing of it. Requests carry {@code Authorization: Bearer <API key>},
 * else 401; another database is 404. Devices
 * exist from the first request that names their serial number. Bad requests are 400 with
 * {@code {"error": "…"}}. The sandbox mode of the plugin runs one per connection; tests start their own.
 */
public final class KeylessSimulator implements AutoCloseable {

    /** The CheckIn response timer of a GO device. */
    public static final Duration CHECK_IN_TIMER = Duration.ofMinutes(1);
    /** How often the simulated service runs its key synchronisation workflow. */
    public static final Duration SYNC_PERIOD = Duration.ofSeconds(30);

    private static final int MAX_REMEMBERED_REQUESTS = 10_000;
    private static final Pattern SUBSCRIPTIONS = Pattern.compile("/api/tenants/([^/]+)/notification-subscriptions");
    private static final Pattern DEVICE = Pattern.compile("/api/tenants/([^/]+)/devices/([^/]+)/(virtual-keys|commands|status)(?:/([^/]+))?");

    private final HttpServer server;
    private final ExecutorService handlers;
    private final ScheduledExecutorService timers;
    private final String apiKey;
    private final String database;
    private final Clock clock;
    private final Duration checkInTimer;
    private final WebhookCourier courier;
    private final Map<String, GoDevice> devices = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private KeylessSimulator(String apiKey, String database, Clock clock, Duration checkInTimer) throws IOException {
        this.apiKey = apiKey;
        this.database = database;
        this.clock = clock;
        this.checkInTimer = checkInTimer;
        this.courier = new WebhookCourier(database);
        this.handlers = Executors.newCachedThreadPool(daemon("geotab-simulator-http"));
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon("geotab-simulator-timer"));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
        timers.scheduleWithFixedDelay(this::synchroniseDevices, SYNC_PERIOD.toMillis(), SYNC_PERIOD.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The service's synchronisation workflow: every online device whose reported sync ID differs gets its keys again. */
    public void synchroniseDevices() {
        devices.values().forEach(GoDevice::synchronise);
    }

    /** Starts a Keyless Service on a free loopback port for one database, accepting {@code apiKey}. */
    public static KeylessSimulator start(String apiKey, String database, Clock clock) {
        return start(apiKey, database, clock, CHECK_IN_TIMER);
    }

    /** As {@link #start(String, String, Clock)}, with a shorter CheckIn timer for tests. */
    public static KeylessSimulator start(String apiKey, String database, Clock clock, Duration checkInTimer) {
        try {
            return new KeylessSimulator(apiKey, database, clock, checkInTimer);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the Keyless Service simulator on loopback", e);
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The device with this serial number (created on first use). */
    public GoDevice device(String serialNumber) {
        return devices.computeIfAbsent(serialNumber, serial -> new GoDevice(serial, clock, courier, checkInTimer, timers));
    }

    public WebhookCourier courier() {
        return courier;
    }

    /** "METHOD path" of the requests so far (the last 10,000), in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        timers.shutdownNow();
        courier.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            requests.add(method + " " + path);
            if (requests.size() > MAX_REMEMBERED_REQUESTS) {
                // A sandbox runs for weeks: remember the recent requests only.
                requests.removeFirst();
            }
            if (!authorised(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 401, Map.of("error", "The API key was not accepted"));
                return;
            }
            byte[] bytes;
            try (InputStream in = exchange.getRequestBody()) {
                bytes = in.readNBytes(1 << 20);
            }
            String body = new String(bytes, StandardCharsets.UTF_8);
            try {
                route(exchange, method, path, body);
            } catch (IllegalArgumentException | LimitExceededException e) {
                answer(exchange, 400, Map.of("error", e.getMessage()));
            }
        }
    }

    private void route(HttpExchange exchange, String method, String path, String body) throws IOException {
        Matcher subscriptions = SUBSCRIPTIONS.matcher(path);
        if (subscriptions.matches()) {
            if (!database.equals(subscriptions.group(1))) {
                answer(exchange, 404, Map.of("error", "No database " + subscriptions.group(1)));
                return;
            }
            subscriptions(exchange, method, body);
            return;
        }
        Matcher device = DEVICE.matcher(path);
        if (!device.matches() || !database.equals(device.group(1))) {
            answer(exchange, 404, Map.of("error", "Not found: " + path));
            return;
        }
        GoDevice go = device(device.group(2));
        String resource = device.group(3);
        String id = device.group(4);
        switch (method + " " + resource + (id == null ? "" : "/id")) {
            case "POST virtual-keys" -> answer(exchange, 200, go.createStoredKey(requestKey(KeylessJson.object(body), true)).toJson());
            case "DELETE virtual-keys" -> {
                go.deleteAllKeys();
                answer(exchange, 202, Map.of());
            }
            case "DELETE virtual-keys/id" -> answer(exchange, go.deleteKey(id) ? 202 : 404, Map.of());
            case "POST commands" -> {
                JsonNode request = KeylessJson.object(body);
                List<String> commands = KeylessJson.strings(request, "commands").stream().map(KeylessSimulator::command).toList();
                JsonNode key = request.path("virtualKeyRequest");
                VirtualKey requestKey = key.isObject() ? requestKey(key, false) : null;
                answer(exchange, 200, go.commands(commands, KeylessJson.text(request, "virtualKeyId"), requestKey));
            }
            case "GET status" -> answer(exchange, 200, go.status());
            default -> answer(exchange, 405, Map.of("error", method + " is not allowed on " + path));
        }
    }

    private void subscriptions(HttpExchange exchange, String method, String body) throws IOException {
        switch (method) {
            case "GET" -> {
                if (courier.subscribed()) {
                    answer(exchange, 200, courier.subscription());
                } else {
                    answer(exchange, 404, Map.of("error", "No notification subscription"));
                }
            }
            case "POST", "PATCH" -> {
                JsonNode request = KeylessJson.object(body);
                String webhook = KeylessJson.text(request, "webhook");
                String token = KeylessJson.text(request, "securityToken");
                if (webhook == null || webhook.isBlank() || token == null || token.isBlank()) {
                    throw new IllegalArgumentException("A subscription needs a webhook and a securityToken");
                }
                courier.subscribe(webhook, token);
                answer(exchange, 200, courier.subscription());
                long now = clock.millis();
                // Delivered after the answer, on its own thread: a slow webhook must not hold up the CheckIn timers.
                handlers.execute(() -> courier.notifySubscriptionChanged(now));
            }
            default -> answer(exchange, 405, Map.of("error", method + " is not allowed on subscriptions"));
        }
    }

    private VirtualKey requestKey(JsonNode json, boolean storedEndpoint) {
        Long begin = KeylessJson.number(json, "beginningTimestamp");
        Long end = KeylessJson.number(json, "endingTimestamp");
        if (begin == null || end == null) {
            throw new IllegalArgumentException("beginningTimestamp and endingTimestamp are required (epoch milliseconds)");
        }
        String card = KeylessJson.text(json, "tapCardSerialNumber");
        List<String> cards = storedEndpoint ? KeylessJson.strings(json, "tapCardSerialNumbers")
                : card == null ? List.of() : List.of(card);
        boolean stored = KeylessJson.flag(json, "isStoredVirtualKey", storedEndpoint);
        return new VirtualKey("", stored, cards, KeylessJson.text(json, "userReference"), "", begin, end,
                KeylessJson.strings(json, "permissions"), KeylessJson.strings(json, "privileges"),
                KeylessJson.strings(json, "endBookConditions"));
    }

    /** A command's name as the API spells it, whatever its case ("CHECKIN" in prose, "CheckIn" in JSON). */
    private static String command(String name) {
        for (String known : List.of("Lock", "Unlock", "CheckIn", "CheckOut", "IgnitionEnable", "IgnitionInhibit", "Locate")) {
            if (known.equalsIgnoreCase(name)) {
                return known;
            }
        }
        throw new IllegalArgumentException("Unknown command " + name);
    }

    private boolean authorised(String header) {
        String expected = "Bearer " + apiKey;
        return header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    private static void answer(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = KeylessJson.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
