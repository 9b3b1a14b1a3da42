package dev.portier.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.drivers.connections.Connection;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.drivers.pulling.PullTiming;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.config.PortierConfig;
import dev.portier.plugins.example.simulator.DoorControllerSimulator;
import dev.portier.testing.ExamplePlugin;
import dev.portier.testing.RunningServer;
import dev.portier.testing.TestDatabase;
import dev.portier.web.server.PortierServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Portier processes (two JVMs) on one PostgreSQL schema: a connection's background work — the example
 * driver's scheduled status checks and the host's event pulling from the door controller — runs in one of
 * them only, and moves to the other within a minute when that one is killed ({@code kill -9}).
 *
 * <p>Who calls the controller is told apart by address: the connection names the controller by a host name
 * that each process resolves through its own hosts file ({@code -Djdk.net.hosts.file}) to another loopback
 * address, 127.0.0.1 for the first and 127.0.0.2 for the second, where a relay counts the calls and hands
 * them to the one simulator.
 */
class SeveralInstancesIT {

    static final String KEY = "several-instances-key";
    static final String CONTROLLER_HOST = "door-controller.test";

    @TempDir
    Path dir;
    DoorControllerSimulator controller;
    final List<Relay> relays = new ArrayList<>();
    final List<Process> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(Process::destroyForcibly);
        relays.forEach(Relay::close);
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    void aConnectionsBackgroundWorkRunsInOneInstanceAndMovesToTheOtherWhenItIsKilled() throws Exception {
        assumeTrue(TestDatabase.postgres(), "Several instances share a PostgreSQL database; this runs in the suite's PostgreSQL run "
                + "(on SQLite a second instance refuses to start: SqliteFileLockTest)");
        controller = DoorControllerSimulator.start(KEY);
        controller.addDoor("front");
        Relay first = Relay.start(InetAddress.getByName("127.0.0.1"), 0, controller.url());
        relays.add(first);
        Relay second = Relay.start(InetAddress.getByName("127.0.0.2"), first.port(), controller.url());
        relays.add(second);

        ExamplePlugin.install(dir);
        String connectionId;
        try (RunningServer setup = RunningServer.withAdminAndPrivateHttp(dir)) {
            SignedInUser admin = setup.admin();
            Site site = setup.get(SiteService.class).create(admin, new SiteDraft("Harbour", null, "UTC"));
            Connection connection = setup.get(ConnectionService.class).create(admin, new ConnectionDraft("Front controller",
                    ExamplePlugin.DRIVER_ID, Map.of("baseUrl", "http://127.0.0.1:" + first.port(), "apiKey", KEY,
                            "pollInterval", "5")));
            setup.get(LockService.class).create(admin, new LockDraft(site.id(), "Front door", LockKind.DOOR, null, "front",
                    LockState.ACTIVE, connection.id()));
            connectionId = connection.id();
        }
        String dbUrl = TestDatabase.config(dir).dbUrl();
        // Creating the connection checked that the controller answers, by an address this JVM resolves; the
        // instances reach it by the name each resolves to its own relay.
        try (var connection = DriverManager.getConnection(dbUrl); var update = connection.prepareStatement(
                "UPDATE connections SET settings = REPLACE(settings, ?, ?) WHERE id = ?")) {
            update.setString(1, "http://127.0.0.1:" + first.port());
            update.setString(2, "http://" + CONTROLLER_HOST + ":" + first.port());
            update.setString(3, connectionId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        assertThat(settingsOf(dbUrl, connectionId)).contains(CONTROLLER_HOST);
        first.reset();
        second.reset();

        Instance a = launch(dbUrl, "127.0.0.1");
        Instance b = launch(dbUrl, "127.0.0.2");
        controller.logByHand("front", "UNLOCKED");
        await(Duration.ofSeconds(30), () -> first.calls("/log") > 3 && first.calls("/status") > 0);

        // Both run the connection's driver, one does its background work: over ten seconds every call comes from the first.
        Thread.sleep(10_000);
        assertThat(first.calls("/log")).as("the first pulls the controller's log").isGreaterThan(10);
        assertThat(first.calls("/status")).as("the first's driver checks the controller").isGreaterThanOrEqualTo(2);
        assertThat(second.calls("/log") + second.calls("/status")).as("the second calls the controller not at all").isZero();
        assertThat(holders(dbUrl)).containsEntry("connection:" + connectionId, a.name())
                .containsEntry("grant-sync", a.name()).containsEntry("key-maintenance", a.name())
                .containsEntry("certificate-expiry", a.name());
        assertThat(b.process().isAlive()).isTrue();

        a.process().destroyForcibly(); // kill -9: no chance to give the leases back
        Instant killed = Instant.now();
        assertThat(a.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        int firstLogCalls = first.calls("/log");
        controller.logByHand("front", "LOCKED");

        await(Duration.ofSeconds(60), () -> second.calls("/log") > 3 && second.calls("/status") > 0);
        Duration takeover = Duration.between(killed, Instant.now());
        System.out.println("Takeover after kill -9 of the first instance: " + takeover.toMillis() + " ms");
        assertThat(takeover).as("the second took over within a minute").isLessThan(Duration.ofMinutes(1));
        assertThat(first.calls("/log")).isEqualTo(firstLogCalls);
        assertThat(holders(dbUrl)).containsEntry("connection:" + connectionId, b.name())
                .containsEntry("grant-sync", b.name()).containsEntry("key-maintenance", b.name());
        await(Duration.ofSeconds(15), () -> entriesStored(dbUrl) == 2);
        assertThat(entriesStored(dbUrl)).as("both log entries stored once, one pulled by each instance").isEqualTo(2);
    }

    private Instance launch(String dbUrl, String controllerAddress) throws IOException {
        Path hosts = Files.writeString(dir.resolve("hosts-" + controllerAddress),
                "127.0.0.1 localhost " + InetAddress.getLocalHost().getHostName() + "\n" + controllerAddress + " " + CONTROLLER_HOST + "\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Djdk.net.hosts.file=" + hosts, "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), dir.toString(), dbUrl))
                .redirectError(dir.resolve("instance-" + controllerAddress + ".log").toFile()).start();
        instances.add(process);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        while (line != null && !line.startsWith("started ")) {
            line = out.readLine(); // its console log
        }
        assertThat(line).as("the instance started (its output ended)").isNotNull();
        return new Instance(process, line.split(" ")[2]);
    }

    /** Who holds each lease now. */
    private static Map<String, String> holders(String dbUrl) throws Exception {
        Map<String, String> holders = new ConcurrentHashMap<>();
        try (var connection = DriverManager.getConnection(dbUrl); var statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name, holder FROM leases")) {
            while (rows.next()) {
                holders.put(rows.getString(1), rows.getString(2));
            }
        }
        return holders;
    }

    private static String settingsOf(String dbUrl, String connectionId) throws Exception {
        try (var connection = DriverManager.getConnection(dbUrl); var query = connection.prepareStatement(
                "SELECT settings FROM connections WHERE id = ?")) {
            query.setString(1, connectionId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private static int entriesStored(String dbUrl) {
        try (var connection = DriverManager.getConnection(dbUrl); var statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM lock_events WHERE entry_number IS NOT NULL")) {
            rows.next();
            return rows.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(Duration limit, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as("within " + limit).isTrue();
    }

    record Instance(Process process, String name) {
    }

    /**
     * One Portier process: the data directory and database given, plugins allowed to reach loopback, events
     * pulled every half second. Prints {@code started <port> <lease holder name>}, then runs until killed or
     * its input ends.
     */
    public static final class Main {
        public static void main(String[] args) throws IOException {
            PortierConfig config = PortierConfig.forDataDir(Path.of(args[0])).withHttpAllowPrivate()
                    .withDatabase(args[1], Optional.empty());
            PullTiming pulling = new PullTiming(Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofMillis(200),
                    Duration.ofSeconds(1), 20);
            try (PortierServer server = PortierServer.start(config, Clock.systemUTC(), pulling)) {
                System.out.println("started " + server.port() + " " + server.injector().getInstance(Leases.class).instance());
                System.out.flush();
                while (System.in.read() >= 0) {
                    // Runs until killed, or its input closes.
                }
            }
            System.exit(0);
        }
    }

    /** Counts the calls arriving at one address and hands them on to the simulator. */
    static final class Relay implements AutoCloseable {
        private static final HttpClient HTTP = HttpClient.newHttpClient();
        private final HttpServer server;
        private final String target;
        private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        private Relay(HttpServer server, String target) {
            this.server = server;
            this.target = target;
        }

        static Relay start(InetAddress address, int port, String target) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
            Relay relay = new Relay(server, target);
            server.createContext("/", relay::relay);
            server.start();
            return relay;
        }

        int port() {
            return server.getAddress().getPort();
        }

        int calls(String path) {
            AtomicInteger count = calls.get(path);
            return count == null ? 0 : count.get();
        }

        void reset() {
            calls.clear();
        }

        private void relay(HttpExchange exchange) throws IOException {
            URI uri = exchange.getRequestURI();
            calls.computeIfAbsent(uri.getPath(), p -> new AtomicInteger()).incrementAndGet();
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                for (String header : List.of("X-Api-Key", "Content-Type", "Accept")) {
                    String value = exchange.getRequestHeaders().getFirst(header);
                    if (value != null) {
                        request.header(header, value);
                    }
                }
                HttpResponse<byte[]> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                answer.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                exchange.getResponseBody().write(answer.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
