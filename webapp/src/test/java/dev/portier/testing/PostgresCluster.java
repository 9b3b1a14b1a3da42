package dev.portier.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster for one test JVM, from the PostgreSQL server installed on the machine
 * (Debian's {@code postgresql} package: {@code /usr/lib/postgresql/<version>/bin}, or {@code initdb}
 * on the PATH, or {@code -Dportier.test.postgres.bin}). initdb refuses to run as root, so as root the
 * cluster runs as the {@code postgres} user. It listens on a free loopback port, trusts local
 * connections, skips fsync (a test server: nothing to survive), and is stopped and deleted when the
 * JVM exits.
 */
final class PostgresCluster {

    static final String BIN_PROPERTY = "portier.test.postgres.bin";
    private static final String USER = "portier";
    private static final String DATABASE = "portier_test";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgres;

    private PostgresCluster(Path bin, Path dir, int port, boolean asPostgres) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    static PostgresCluster start() {
        Path bin = binDirectory().orElseThrow(() -> new IllegalStateException("The PostgreSQL run of the tests needs a "
                + "PostgreSQL server: install one (Debian: apt-get install postgresql), name its bin directory with -D"
                + BIN_PROPERTY + "=…, name a running server with -D" + TestDatabase.URL_PROPERTY
                + "=jdbc:postgresql://…?user=…, or run the SQLite tests alone with -Dportier.test.sqliteOnly"));
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("portier-pg-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            PostgresCluster cluster = new PostgresCluster(bin, dir.resolve("data"), freePort(), root);
            if (root) {
                run(List.of("chown", "postgres:", dir.toString()), dir, 30);
            }
            cluster.initdb();
            cluster.startServer();
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(cluster::stopQuietly));
            try (var c = java.sql.DriverManager.getConnection(cluster.url("postgres")); var s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
            return cluster;
        } catch (IOException | java.sql.SQLException e) {
            throw new IllegalStateException("Could not start a PostgreSQL cluster for the tests: " + e.getMessage(), e);
        }
    }

    TestDatabase.PostgresServer server() {
        return new TestDatabase.PostgresServer(url(DATABASE));
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    private void initdb() throws IOException {
        command(List.of(bin.resolve("initdb").toString(), "-D", dir.toString(), "-U", USER, "--auth=trust",
                "--encoding=UTF8", "--locale=C", "--no-sync"), 120);
    }

    private void startServer() throws IOException {
        String options = String.join(" ", "-p", Integer.toString(port), "-k", dir.toString(),
                "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off", "-c", "max_connections=400", "-c", "shared_buffers=64MB");
        command(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.toString(), "-l", dir.resolve("server.log").toString(),
                "-o", options, "-w", "-t", "60", "start"), 90);
    }

    private void stopQuietly() {
        try {
            command(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.toString(), "-m", "immediate", "-w", "stop"), 30);
        } catch (IOException | RuntimeException e) {
            System.err.println("Stopping the test PostgreSQL cluster failed: " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(dir.getParent())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind
        }
    }

    private void command(List<String> command, int timeoutSeconds) throws IOException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full, dir.getParent(), timeoutSeconds);
    }

    private static void run(List<String> command, Path workDir, int timeoutSeconds) throws IOException {
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        try {
            boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            String output = new String(process.getInputStream().readAllBytes());
            if (!done) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s: " + output);
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted: " + String.join(" ", command), e);
        }
    }

    private static Optional<Path> binDirectory() {
        String configured = System.getProperty(BIN_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured.trim()));
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(PostgresCluster::version));
                if (newest.isPresent()) {
                    return Optional.of(newest.get().resolve("bin"));
                }
            } catch (IOException e) {
                // fall through to the PATH
            }
        }
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(p -> !p.isBlank())
                .map(Path::of)
                .filter(p -> Files.isExecutable(p.resolve("initdb")) && Files.isExecutable(p.resolve("pg_ctl")))
                .findFirst()
                .map(p -> p.resolve("initdb").toAbsolutePath())
                .map(initdb -> {
                    try {
                        return initdb.toRealPath().getParent();
                    } catch (IOException e) {
                        return initdb.getParent();
                    }
                });
    }

    private static int version(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString().replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
