package dev.portier.plugins.example.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portier.plugin.api.Schedule;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP door controller on loopback, speaking the protocol the example driver expects (JSON; every
 * request carries the API key in {@code X-Api-Key}, else 401):
 *
 * <ul>
 *   <li>{@code GET /status} → {@code {"firmware", "doors": [{"door", "online", "battery", "batteryLow", "lastSeen"}]}}</li>
 *   <li>{@code POST /doors/{door}/commands} {@code {"commandId", "type": "LOCK"|"UNLOCK"}} → {@code {"status": "done", "reference"}};
 *       a command id runs once</li>
 *   <li>{@code GET /log?after=N&limit=L} → {@code {"entries": [{"number", "door", "at", "type"}]}}: one numbered log for all
 *       doors, at most L entries numbered above N</li>
 *   <li>{@code PUT /doors/{door}/rules/{grantId}} {@code {"holder": {"kind", "id", "name"}, "from", "until", "permissions",
 *       "schedule": {"zone", "windows": [{"days", "start", "end"}]}}} → {@code {"reference"}}; 409 {@code {"error": "rule-limit",
 *       "limit", "current"}}; 422 {@code {"error"}} for a holder the controller cannot take</li>
 *   <li>{@code DELETE /doors/{door}/rules/{grantId}} → 204, or 404 when it holds no such rule</li>
 *   <li>{@code POST /enrolments} {@code {"serialNumber", "installerCode"}} → {@code {"door", "label", "installerToken",
 *       "tokenExpiresAt"}}; 403 for a wrong installer code, 404 for an unknown serial number</li>
 * </ul>
 * and, when {@link #deliverWebhooksTo} is set, it POSTs each new log entry as {@code {"entries": [...]}}
 * with its API key to Portier, as the real controller's webhook does.
 *
 * <p>Tests and the sandbox switch misbehaviour on: {@link #withhold} keeps entries back (gaps in the
 * log), {@link #deliverOutOfOrder}, {@link #failNext} answers 503, {@link #hang} blocks requests,
 * {@link #ruleLimit}. It lives in the plugin's main code so Portier's integration tests and sandbox
 * can run it over real HTTP; it needs only the JDK's {@code jdk.httpserver} and the host's Jackson.
 * Thread-safe.
 */
public final class DoorControllerSimulator implements AutoCloseable {

    /** The installer code every simulator accepts until told otherwise. */
    public static final String DEFAULT_INSTALLER_CODE = "1234";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TOKEN_LIFETIME = Duration.ofDays(365);

    private final HttpServer server;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient webhookClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String apiKey;
    private final Clock clock;
    private final Faults faults = new Faults();
    private final AtomicInteger requests = new AtomicInteger();

    // Guarded by this.
    private final Map<String, SimulatedDoor> doors = new LinkedHashMap<>();
    private final List<LogEntry> log = new ArrayList<>();
    private final Set<Long> withheld = new HashSet<>();
    private final Map<String, String> commandReferences = new HashMap<>();
    private final Map<String, Integer> executions = new HashMap<>();
    private final Map<String, AccessRule> rules = new LinkedHashMap<>();
    private int ruleLimit = Integer.MAX_VALUE;
    private int nextReference = 1;
    private boolean outOfOrder;
    private String installerCode = DEFAULT_INSTALLER_CODE;
    private URI webhook;

    /** One entry of the controller's log. */
    public record LogEntry(long number, String door, Instant at, String type) {
    }

    private DoorControllerSimulator(String apiKey, Clock clock) throws IOException {
        this.apiKey = apiKey;
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // Requests may hang on purpose: each gets its own (virtual) thread.
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a controller on a free loopback port that accepts {@code apiKey}, on the system clock. */
    public static DoorControllerSimulator start(String apiKey) {
        return start(apiKey, Clock.systemUTC());
    }

    /** Starts a controller on a free loopback port that accepts {@code apiKey} and stamps its log with {@code clock}. */
    public static DoorControllerSimulator start(String apiKey, Clock clock) {
        try {
            return new DoorControllerSimulator(apiKey, clock);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the door controller simulator", e);
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:54321}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Adds a door whose serial number is {@code "SN-" + reference}. */
    public void addDoor(String reference) {
        addDoor(reference, "SN-" + reference);
    }

    public synchronized void addDoor(String reference, String serialNumber) {
        doors.putIfAbsent(reference, new SimulatedDoor(reference, serialNumber, clock.instant()));
    }

    /** From now on, enrolments need {@code code}. */
    public synchronized void installerCode(String code) {
        this.installerCode = code;
    }

    /** Sets what the controller reports about a door in {@code GET /status}. */
    public synchronized void doorStatus(String door, boolean online, int batteryPercent) {
        SimulatedDoor simulated = door(door);
        simulated.online = online;
        simulated.battery = batteryPercent;
        simulated.lastSeen = clock.instant();
    }

    /** Appends an entry to the log, as if someone had used the door by hand; answers its number. */
    public synchronized long logByHand(String door, String type) {
        return append(door(door), type).number();
    }

    /** Keeps entry {@code number} out of every answer (and webhook) until {@link #release}: a gap in the log. */
    public synchronized void withhold(long number) {
        withheld.add(number);
    }

    /** Delivers a withheld entry from now on. */
    public synchronized void release(long number) {
        withheld.remove(number);
    }

    /** Whether log pages come in reverse order (the driver must not assume any order). */
    public synchronized void deliverOutOfOrder(boolean reversed) {
        this.outOfOrder = reversed;
    }

    /** The next {@code times} requests whose path starts with {@code pathPrefix} answer 503. */
    public void failNext(String pathPrefix, int times) {
        faults.failNext(pathPrefix, times);
    }

    /** Requests whose path starts with {@code pathPrefix} hang until {@link #releaseHung()}. */
    public void hang(String pathPrefix) {
        faults.hang(pathPrefix);
    }

    public void releaseHung() {
        faults.releaseHung();
    }

    /** At most {@code perDoor} rules per door; more are refused with 409. */
    public synchronized void ruleLimit(int perDoor) {
        this.ruleLimit = perDoor;
    }

    /** From now on, POST each new log entry to {@code url} ({@code null}: stop). */
    public synchronized void deliverWebhooksTo(URI url) {
        this.webhook = url;
    }

    public synchronized String state(String door) {
        return door(door).state;
    }

    public synchronized Optional<AccessRule> rule(String door, String grantId) {
        return Optional.ofNullable(rules.get(door + "/" + grantId));
    }

    /** Every rule the controller holds, in the order written. */
    public synchronized List<AccessRule> rules() {
        return List.copyOf(rules.values());
    }

    /** The whole log, withheld entries included. */
    public synchronized List<LogEntry> log() {
        return List.copyOf(log);
    }

    public synchronized int executions(String commandId) {
        return executions.getOrDefault(commandId, 0);
    }

    /** Requests received so far, refused ones included. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        faults.releaseHung();
        server.stop(0);
        workers.shutdownNow();
        webhookClient.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            try {
                if (!apiKey.equals(exchange.getRequestHeaders().getFirst("X-Api-Key"))) {
                    respond(exchange, 401, error("unknown key"));
                } else if (faults.failOrHang(exchange.getRequestURI().getPath())) {
                    respond(exchange, 503, error("busy"));
                } else {
                    route(exchange, exchange.getRequestMethod(), exchange.getRequestURI().getPath().split("/"));
                }
            } catch (RuntimeException e) {
                // Malformed JSON, numbers or dates: the controller answers 400 like a real one.
                respond(exchange, 400, error(String.valueOf(e.getMessage())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void route(HttpExchange exchange, String method, String[] path) throws IOException {
        if (path.length == 2 && path[1].equals("status") && method.equals("GET")) {
            respond(exchange, 200, status());
        } else if (path.length == 2 && path[1].equals("log") && method.equals("GET")) {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            respond(exchange, 200, page(Long.parseLong(query.getOrDefault("after", "0")),
                    Integer.parseInt(query.getOrDefault("limit", "100"))));
        } else if (path.length == 2 && path[1].equals("enrolments") && method.equals("POST")) {
            enrol(exchange, JSON.readTree(exchange.getRequestBody()));
        } else if (path.length == 4 && path[1].equals("doors") && path[3].equals("commands") && method.equals("POST")) {
            command(exchange, path[2], JSON.readTree(exchange.getRequestBody()));
        } else if (path.length == 5 && path[1].equals("doors") && path[3].equals("rules") && method.equals("PUT")) {
            putRule(exchange, path[2], path[4], JSON.readTree(exchange.getRequestBody()));
        } else if (path.length == 5 && path[1].equals("doors") && path[3].equals("rules") && method.equals("DELETE")) {
            deleteRule(exchange, path[2], path[4]);
        } else {
            respond(exchange, 404, error("no such resource"));
        }
    }

    private synchronized ObjectNode status() {
        ObjectNode status = JSON.createObjectNode().put("firmware", "3.1.0");
        ArrayNode list = status.putArray("doors");
        for (SimulatedDoor door : doors.values()) {
            list.addObject().put("door", door.reference).put("online", door.online).put("battery", door.battery)
                    .put("batteryLow", door.batteryLow()).put("lastSeen", door.lastSeen.toString());
        }
        return status;
    }

    private synchronized ObjectNode page(long after, int limit) {
        List<LogEntry> entries = log.stream().filter(entry -> entry.number() > after && !withheld.contains(entry.number()))
                .limit(limit).sorted(outOfOrder ? Comparator.comparingLong(LogEntry::number).reversed()
                        : Comparator.comparingLong(LogEntry::number))
                .toList();
        return entries(entries);
    }

    private synchronized void command(HttpExchange exchange, String reference, JsonNode body) throws IOException {
        SimulatedDoor door = doors.get(reference);
        String commandId = body.path("commandId").asText(null);
        String type = body.path("type").asText("");
        if (door == null) {
            respond(exchange, 404, error("no door " + reference));
        } else if (commandId == null || !(type.equals("LOCK") || type.equals("UNLOCK"))) {
            respond(exchange, 400, error("commandId and type LOCK or UNLOCK required"));
        } else {
            String commandReference = commandReferences.computeIfAbsent(commandId, id -> {
                executions.merge(id, 1, Integer::sum);
                door.state = type.equals("LOCK") ? "LOCKED" : "UNLOCKED";
                append(door, door.state);
                return "cmd-" + nextReference++;
            });
            respond(exchange, 200, JSON.createObjectNode().put("status", "done").put("reference", commandReference));
        }
    }

    private synchronized void putRule(HttpExchange exchange, String door, String grantId, JsonNode body) throws IOException {
        if (!doors.containsKey(door)) {
            respond(exchange, 404, error("no door " + door));
            return;
        }
        JsonNode holder = body.path("holder");
        String kind = holder.path("kind").asText();
        String id = holder.path("id").asText("");
        if (kind.equals("card") && !id.matches("[0-9A-Fa-f]{4,32}")) {
            respond(exchange, 422, error("card serial " + id + " is not hexadecimal"));
            return;
        }
        if (!kind.equals("card") && !kind.equals("person")) {
            respond(exchange, 422, error("unknown holder kind " + kind));
            return;
        }
        String key = door + "/" + grantId;
        AccessRule existing = rules.get(key);
        long held = rules.values().stream().filter(rule -> rule.door().equals(door)).count();
        if (existing == null && held >= ruleLimit) {
            respond(exchange, 409, error("rule-limit").put("limit", ruleLimit).put("current", held));
            return;
        }
        Set<String> permissions = new HashSet<>();
        body.path("permissions").forEach(permission -> permissions.add(permission.asText()));
        String reference = existing == null ? "rule-" + nextReference++ : existing.reference();
        rules.put(key, new AccessRule(door, grantId, reference, kind, id, holder.path("name").asText(null),
                Instant.parse(body.path("from").asText()), instant(body.path("until")), Set.copyOf(permissions),
                schedule(body.path("schedule")), existing == null ? 1 : existing.revision() + 1));
        respond(exchange, 200, JSON.createObjectNode().put("reference", reference));
    }

    private synchronized void deleteRule(HttpExchange exchange, String door, String grantId) throws IOException {
        boolean removed = rules.remove(door + "/" + grantId) != null;
        respond(exchange, removed ? 204 : 404, removed ? null : error("no such rule"));
    }

    private synchronized void enrol(HttpExchange exchange, JsonNode body) throws IOException {
        String serial = body.path("serialNumber").asText("");
        Optional<SimulatedDoor> door = doors.values().stream().filter(d -> d.serialNumber.equals(serial)).findFirst();
        if (!installerCode.equals(body.path("installerCode").asText())) {
            respond(exchange, 403, error("wrong installer code"));
        } else if (door.isEmpty()) {
            respond(exchange, 404, error("no door with serial number " + serial));
        } else {
            SimulatedDoor enrolled = door.get();
            if (enrolled.installerToken == null) {
                // Enrolling again answers the same token, as long as it is valid.
                enrolled.installerToken = "tok-" + enrolled.reference + "-" + nextReference++;
                enrolled.tokenExpiresAt = clock.instant().plus(TOKEN_LIFETIME);
            }
            respond(exchange, 200, JSON.createObjectNode().put("door", enrolled.reference).put("label", enrolled.label)
                    .put("installerToken", enrolled.installerToken).put("tokenExpiresAt", enrolled.tokenExpiresAt.toString()));
        }
    }

    private LogEntry append(SimulatedDoor door, String type) {
        LogEntry entry = new LogEntry(log.size() + 1, door.reference, clock.instant(), type);
        log.add(entry);
        if (webhook != null && !withheld.contains(entry.number())) {
            URI target = webhook;
            workers.submit(() -> deliver(target, entry));
        }
        return entry;
    }

    private void deliver(URI target, LogEntry entry) {
        try {
            HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json").header("X-Api-Key", apiKey)
                    .POST(HttpRequest.BodyPublishers.ofString(entries(List.of(entry)).toString())).build();
            webhookClient.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // A real controller drops a webhook Portier does not take; the log still has the entry.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SimulatedDoor door(String reference) {
        SimulatedDoor door = doors.get(reference);
        if (door == null) {
            throw new IllegalArgumentException("The simulator has no door " + reference);
        }
        return door;
    }

    private static ObjectNode entries(List<LogEntry> entries) {
        ObjectNode page = JSON.createObjectNode();
        ArrayNode list = page.putArray("entries");
        entries.forEach(entry -> list.addObject().put("number", entry.number()).put("door", entry.door())
                .put("at", entry.at().toString()).put("type", entry.type()));
        return page;
    }

    private static Schedule schedule(JsonNode schedule) {
        if (schedule.isMissingNode() || schedule.isNull()) {
            return null;
        }
        List<Schedule.Window> windows = new ArrayList<>();
        for (JsonNode window : schedule.path("windows")) {
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            window.path("days").forEach(day -> days.add(DayOfWeek.valueOf(day.asText())));
            windows.add(new Schedule.Window(days, LocalTime.parse(window.path("start").asText()),
                    LocalTime.parse(window.path("end").asText())));
        }
        return new Schedule(ZoneId.of(schedule.path("zone").asText()), windows, null);
    }

    private static Instant instant(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? null : Instant.parse(value.asText());
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
