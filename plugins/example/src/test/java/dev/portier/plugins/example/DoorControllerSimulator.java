package dev.portier.plugins.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A door controller on loopback, speaking the protocol the example driver expects: {@code GET /status},
 * {@code POST /doors/{ref}/commands} (form: commandId, type; a command id runs once) and
 * {@code GET /doors/{ref}/events?after=N} (tab-separated log lines). Every request needs the API key
 * in {@code X-Api-Key}, else 401.
 *
 * <p>It lives in test sources: a plugin jar should carry the driver only, not a web server. A sandbox
 * for people trying the plugin without hardware would be its own module.
 */
final class DoorControllerSimulator implements AutoCloseable {

    static final Instant LOG_START = Instant.parse("2026-01-05T08:00:00Z");

    private final HttpServer server;
    private final String apiKey;
    private final Map<String, Door> doors = new ConcurrentHashMap<>();
    private final Map<String, String> commandReferences = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    private static final class Door {
        String state = "LOCKED";
        final List<String> log = new ArrayList<>();
    }

    private DoorControllerSimulator(String apiKey) throws IOException {
        this.apiKey = apiKey;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a controller on a free loopback port that accepts {@code apiKey}. */
    static DoorControllerSimulator start(String apiKey) {
        try {
            return new DoorControllerSimulator(apiKey);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the door controller simulator", e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void addDoor(String reference) {
        doors.putIfAbsent(reference, new Door());
    }

    /** Appends an entry to a door's log, as if someone had used it by hand. */
    synchronized void logByHand(String reference, String type) {
        append(doors.get(reference), type);
    }

    String state(String reference) {
        return doors.get(reference).state;
    }

    int executions(String commandId) {
        AtomicInteger count = executions.get(commandId);
        return count == null ? 0 : count.get();
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            if (!apiKey.equals(exchange.getRequestHeaders().getFirst("X-Api-Key"))) {
                respond(exchange, 401, "error=unknown+key");
                return;
            }
            String[] path = exchange.getRequestURI().getPath().split("/");
            String method = exchange.getRequestMethod();
            if (path.length == 2 && path[1].equals("status") && method.equals("GET")) {
                respond(exchange, 200, "state=running");
            } else if (path.length == 4 && path[1].equals("doors") && doors.containsKey(path[2])) {
                if (path[3].equals("commands") && method.equals("POST")) {
                    command(exchange, path[2]);
                } else if (path[3].equals("events") && method.equals("GET")) {
                    events(exchange, path[2]);
                } else {
                    respond(exchange, 404, "error=no+such+resource");
                }
            } else {
                respond(exchange, 404, "error=no+such+resource");
            }
        }
    }

    private synchronized void command(HttpExchange exchange, String reference) throws IOException {
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String commandId = form.get("commandId");
        String type = form.get("type");
        if (commandId == null || !("LOCK".equals(type) || "UNLOCK".equals(type))) {
            respond(exchange, 400, "error=commandId+and+type+LOCK+or+UNLOCK+required");
            return;
        }
        String commandReference = commandReferences.computeIfAbsent(commandId, id -> {
            executions.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
            Door door = doors.get(reference);
            door.state = type.equals("LOCK") ? "LOCKED" : "UNLOCKED";
            append(door, door.state);
            return "cmd-" + commandReferences.size();
        });
        respond(exchange, 200, "status=done&reference=" + commandReference);
    }

    private synchronized void events(HttpExchange exchange, String reference) throws IOException {
        long after = Long.parseLong(parse(exchange.getRequestURI().getRawQuery()).getOrDefault("after", "0"));
        List<String> log = doors.get(reference).log;
        String body = log.stream().filter(line -> Long.parseLong(line.split("\t")[0]) > after)
                .collect(Collectors.joining("\n"));
        respond(exchange, 200, body);
    }

    private static void append(Door door, String type) {
        int entry = door.log.size() + 1;
        door.log.add(entry + "\t" + LOG_START.plus(Duration.ofMinutes(entry)) + "\t" + type);
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> values = new LinkedHashMap<>();
        if (form == null) {
            return values;
        }
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-www-form-urlencoded");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
