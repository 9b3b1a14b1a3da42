package dev.portier.bench;

import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionRuntime;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.platform.db.Database;
import dev.portier.plugin.api.ConnectionState;
import dev.portier.identity.security.SignInResult;
import dev.portier.identity.security.SignInService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.config.PortierConfig;
import dev.portier.web.server.PortierServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Unloc's check-access under load: a real Portier server (Jetty, the Unloc plugin's jar, SQLite with
 * {@link BenchData}'s 100,000 grants, 10,000 people and 1,000 locks on one Unloc connection) answers
 * a {@link LoadGenerator} in a second JVM over loopback, beside {@code /health} on the same server in
 * the same run. The generator asks about 4,096 (lock, phone) pairs fixed by a seed: half from grants
 * of people with a phone on a lock, half drawn at random (mostly no grant, sometimes an unknown person).
 *
 * <p>Arguments: the Unloc plugin's target directory, requests/s, seconds per measurement, clients for
 * the throughput phase. Run by the {@code bench} profile (README, "Benchmarks").
 */
public final class CheckAccessLoad {

    private static final String HEADER = "X-Api-Key";
    private static final String KEY = "bench-unloc-key-0123456789";
    private static final int PAIRS = 4096;

    private CheckAccessLoad() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("portier-unloc-bench");
        // Before the first logger: one INFO line per check-access event would measure the console.
        Path logback = dir.resolve("logback.xml");
        Files.writeString(logback, "<configuration><appender name=\"out\" class=\"ch.qos.logback.core.ConsoleAppender\">"
                + "<encoder><pattern>%d{HH:mm:ss} %-5level %logger{20} %msg%n</pattern></encoder></appender>"
                + "<root level=\"WARN\"><appender-ref ref=\"out\"/></root></configuration>");
        System.setProperty("logback.configurationFile", logback.toString());
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int clients = Integer.parseInt(args[3]);
        installPlugin(Path.of(args[0]), dir);

        PortierServer server = PortierServer.start(PortierConfig.forDataDir(dir)
                .withAdmin(new PortierConfig.AdminBootstrap("bench@example.com", "bench password 1", "Bench")));
        try {
            SignInResult.SignedIn ok = (SignInResult.SignedIn) server.injector().getInstance(SignInService.class)
                    .signIn("bench@example.com", "bench password 1");
            SignedInUser owner = new SignedInUser(ok.user().id(), ok.user().email(), ok.user().displayName(),
                    ok.accounts().getFirst().accountId());
            String connection = unlocConnection(server, owner);
            Database database = server.injector().getInstance(Database.class);
            System.out.println("Writing 100,000 grants ...");
            BenchData data = BenchData.build(database.jdbi(), owner.accountId(), Instant.now(), new Random(42));
            List<String> references = attachLocks(database, data, connection);
            Path paths = dir.resolve("paths.txt");
            Files.write(paths, requests(database, owner.accountId(), data, references, connection));

            String base = "http://127.0.0.1:" + server.port();
            Process generator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-Dportier.bench.rows=" + Path.of(System.getProperty("portier.bench.rows", "target/bench-rows.tsv"))
                            .toAbsolutePath(), "-cp", System.getProperty("java.class.path"), LoadGenerator.class.getName(), base, HEADER, KEY,
                    paths.toString(), String.valueOf(rate), String.valueOf(seconds), String.valueOf(clients))
                    .inheritIO().start();
            int exit = generator.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("The load generator failed with exit code " + exit);
            }
        } finally {
            server.close();
            deleteAll(dir);
        }
    }

    private static void installPlugin(Path target, Path dataDir) throws IOException {
        Path jar = null;
        for (Path dir : List.of(target, target.resolve("bench"))) {
            if (jar == null && Files.isDirectory(dir)) {
                try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "portier-plugin-unloc-*.jar")) {
                    for (Path candidate : jars) {
                        jar = candidate;
                    }
                }
            }
        }
        if (jar == null) {
            throw new IllegalStateException("No Unloc plugin jar in " + target + ": include plugins/unloc in the build (-pl plugins/unloc,webapp)");
        }
        Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
        Files.copy(jar, plugins.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String unlocConnection(PortierServer server, SignedInUser owner) throws InterruptedException {
        String id = server.injector().getInstance(ConnectionService.class).create(owner, new ConnectionDraft("Unloc", "unloc",
                Map.of("apiHeader", HEADER, "apiKey", KEY, "mode", "production"))).id();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ConnectionRuntime runtime = server.injector().getInstance(ConnectionRuntime.class);
        while (runtime.status(id).state() != ConnectionState.ONLINE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The Unloc connection did not come online: " + runtime.status(id));
            }
            Thread.sleep(50);
        }
        return id;
    }

    /** Puts every lock on the Unloc connection with the vendor reference "U<n>"; answers them by lock index. */
    private static List<String> attachLocks(Database database, BenchData data, String connection) {
        List<String> references = new ArrayList<>();
        database.jdbi().useTransaction(h -> {
            var update = h.prepareBatch("UPDATE locks SET connection_id = :connection, driver_id = 'unloc', "
                    + "vendor_reference = :reference WHERE id = :id");
            for (int i = 0; i < data.lockIds.size(); i++) {
                references.add("U" + i);
                update.bind("connection", connection).bind("reference", "U" + i).bind("id", data.lockIds.get(i)).add();
            }
            update.execute();
        });
        return references;
    }

    private static List<String> requests(Database database, String accountId, BenchData data, List<String> references,
            String connection) {
        Map<String, String> phones = new HashMap<>();
        database.jdbi().useHandle(h -> h.createQuery("SELECT id, phone FROM people WHERE account_id = :account AND phone IS NOT NULL")
                .bind("account", accountId).map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getString("phone")))
                .forEach(e -> phones.put(e.getKey(), e.getValue())));
        Map<String, String> referenceOf = new HashMap<>();
        for (int i = 0; i < data.lockIds.size(); i++) {
            referenceOf.put(data.lockIds.get(i), references.get(i));
        }
        List<String[]> granted = data.grantedPairs.stream().filter(pair -> phones.containsKey(pair[0])).toList();
        List<String> phoneList = new ArrayList<>(phones.values());
        Random random = new Random(7);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            String lock;
            String phone;
            if (i % 2 == 0) {
                String[] pair = granted.get(random.nextInt(granted.size()));
                phone = phones.get(pair[0]);
                lock = referenceOf.get(pair[1]);
            } else {
                // Some numbers nobody has: an unknown person costs a lookup like a known one.
                phone = random.nextInt(10) == 0 ? String.format("+4791%06d", random.nextInt(1_000_000))
                        : phoneList.get(random.nextInt(phoneList.size()));
                lock = references.get(random.nextInt(references.size()));
            }
            paths.add("/api/plugins/unloc/connections/" + connection + "/check-access?lockId=" + lock + "&appUserId=" + URLEncoder.encode(phone, StandardCharsets.UTF_8));
        }
        return paths;
    }

    private static void deleteAll(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
