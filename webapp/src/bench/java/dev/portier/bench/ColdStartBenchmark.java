package dev.portier.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Cold start: a new Portier process (the JVM options of {@code ./portier}, this benchmark's class path,
 * the bundled plugins built under {@code <root>/plugins}) timed from exec to the first 200 on
 * {@code /health}, on an empty data directory (first start: every migration) and again on the data
 * directory it left (a restart). The floor in the same run: a JVM with the same options and class path
 * whose main starts the JDK's own HTTP server answering {@code /health}.
 *
 * <p>Arguments: {@code <repository root> [runs]}. Extra JVM options for the Portier process (e.g. to
 * record a JFR profile): {@code -Dbench.coldStart.jvmArgs="..."}.
 */
public final class ColdStartBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

    private static String classPath = System.getProperty("java.class.path");

    private ColdStartBenchmark() {
    }

    /**
     * The class path ./portier runs with: the webapp's jar and its runtime libraries (not the test-scoped
     * plugin jars of this benchmark's own class path, which Jetty's annotation scan would also read).
     */
    private static String productionClassPath(Path root) {
        for (Path target : List.of(root.resolve("webapp/target/bench"), root.resolve("webapp/target"))) {
            if (Files.isRegularFile(target.resolve("portier.jar")) && Files.isDirectory(target.resolve("lib"))) {
                return target.resolve("portier.jar") + java.io.File.pathSeparator + target.resolve("lib") + "/*";
            }
        }
        return System.getProperty("java.class.path");
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--baseline-server")) {
            baselineServer(Integer.parseInt(args[1]));
            return;
        }
        Path root = Path.of(args.length > 0 ? args[0] : "..").toAbsolutePath().normalize();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path bundled = bundledPlugins(root);
        classPath = productionClassPath(root);
        System.out.println("Class path: " + classPath);

        Path aot = trainAotCache(bundled);

        List<Double> baseline = new ArrayList<>();
        List<Double> first = new ArrayList<>();
        List<Double> restart = new ArrayList<>();
        List<Double> restartNoCache = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            baseline.add(time(List.of(ColdStartBenchmark.class.getName(), "--baseline-server"), null, null, List.of()));
            Path data = Files.createTempDirectory("portier-bench-start");
            try {
                first.add(time(List.of("dev.portier.Main"), data, bundled, aotOption(aot)));
                restart.add(time(List.of("dev.portier.Main"), data, bundled, aotOption(aot)));
                restartNoCache.add(time(List.of("dev.portier.Main"), data, bundled, List.of()));
            } finally {
                delete(data);
            }
            System.out.printf("run %d: baseline %.0f ms, first start %.0f ms, restart %.0f ms, restart without AOT cache %.0f ms%n",
                    i + 1, baseline.getLast(), first.getLast(), restart.getLast(), restartNoCache.getLast());
        }
        double base = median(baseline);
        row("cold start to /health, restart (AOT cache, as ./portier starts)", restart, base);
        row("cold start to /health, restart without the AOT cache", restartNoCache, base);
        row("cold start to /health, first start (empty data dir: all migrations; AOT cache)", first, base);
    }

    private static List<String> aotOption(Path aot) {
        return aot == null ? List.of() : List.of("-XX:AOTCache=" + aot);
    }

    /**
     * The JVM's ahead-of-time cache, trained as ./portier trains it: one start with
     * {@code -Dportier.aotTraining=true} (start, one /health request, stop) writing the cache. Null
     * before JDK 25.
     */
    private static Path trainAotCache(Path bundled) throws Exception {
        if (Runtime.version().feature() < 25) {
            System.out.println("JDK " + Runtime.version() + ": no AOT cache (needs 25)");
            return null;
        }
        Path dir = Files.createTempDirectory("portier-bench-aot");
        Path cache = dir.resolve("portier.aot");
        Path data = Files.createDirectory(dir.resolve("data"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:AOTCacheOutput=" + cache, "-Dportier.aotTraining=true", "-Dguice_bytecode_gen_option=DISABLED",
                "--enable-native-access=ALL-UNNAMED"));
        if (bundled != null) {
            command.add("-Dportier.bundledPlugins=" + bundled);
        }
        command.addAll(List.of("-cp", classPath, "dev.portier.Main"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of(System.getProperty("java.io.tmpdir"), "portier-bench-start.log").toFile()));
        builder.environment().put("PORTIER_DATA_DIR", data.toString());
        builder.environment().put("PORTIER_PORT", "0");
        long started = System.nanoTime();
        Process training = builder.start();
        if (!training.waitFor(10, TimeUnit.MINUTES) || training.exitValue() != 0 || !Files.isRegularFile(cache)) {
            training.destroyForcibly();
            throw new IllegalStateException("AOT training failed; see " + Path.of(System.getProperty("java.io.tmpdir"), "portier-bench-start.log"));
        }
        System.out.printf("AOT cache trained in %.1f s: %,d bytes%n", (System.nanoTime() - started) / 1e9, Files.size(cache));
        cache.toFile().deleteOnExit();
        delete(data);
        dir.toFile().deleteOnExit();
        return cache;
    }

    private static void row(String hotPath, List<Double> millis, double base) {
        double median = median(millis);
        BenchRows.append(hotPath, BenchRows.millis(median) + " (median of " + millis.size() + ")",
                "JVM + JDK HttpServer /health " + BenchRows.millis(base), BenchRows.ratio(median / base) + " time",
                BenchRows.millis(median), BenchRows.millis(millis.stream().mapToDouble(Double::doubleValue).max().orElseThrow()) + " (max)",
                "≤ 3 s", median <= 3000);
    }

    /** Milliseconds from exec to the first 200 on /health; then the process is stopped. */
    private static double time(List<String> mainAndArgs, Path data, Path bundled, List<String> jvmOptions) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dguice_bytecode_gen_option=DISABLED", "--enable-native-access=ALL-UNNAMED"));
        if (bundled != null) {
            command.add("-Dportier.bundledPlugins=" + bundled);
        }
        command.addAll(jvmOptions);
        String extra = System.getProperty("bench.coldStart.jvmArgs", "");
        if (!extra.isBlank() && data != null) {
            command.addAll(Arrays.asList(extra.strip().split("\\s+")));
        }
        command.addAll(List.of("-cp", classPath));
        command.addAll(mainAndArgs);
        if (data == null) {
            command.add(Integer.toString(port));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of(System.getProperty("java.io.tmpdir"), "portier-bench-start.log").toFile()));
        if (data != null) {
            builder.environment().put("PORTIER_DATA_DIR", data.toString());
            builder.environment().put("PORTIER_PORT", Integer.toString(port));
        }
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(2)).build();
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the process ended with " + process.exitValue() + " before /health answered; see "
                            + Path.of(System.getProperty("java.io.tmpdir"), "portier-bench-start.log"));
                }
                try {
                    if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return (System.nanoTime() - start) / 1e6;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(120)) {
                    throw new IllegalStateException("no 200 on /health within 120 s");
                }
                Thread.sleep(5);
            }
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static void baselineServer(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/health", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** The plugin jars built under the repository's plugins/, copied into one folder as ./portier does; null when none. */
    private static Path bundledPlugins(Path root) throws IOException {
        Path plugins = root.resolve("plugins");
        if (!Files.isDirectory(plugins)) {
            return null;
        }
        List<Path> jars;
        try (Stream<Path> files = Files.walk(plugins, 4)) {
            jars = files.filter(f -> f.getFileName().toString().matches("portier-plugin-.*\\.jar")
                    && f.getFileName().toString().endsWith(".jar")
                    && List.of("target", "bench").contains(f.getParent().getFileName().toString())).toList();
        }
        if (jars.isEmpty()) {
            System.out.println("No plugin jars under " + plugins + ": Portier starts without bundled plugins");
            return null;
        }
        Path dir = Files.createTempDirectory("portier-bench-plugins");
        dir.toFile().deleteOnExit();
        for (Path jar : jars) {
            Path copy = dir.resolve(jar.getFileName());
            if (Files.exists(copy)) {
                continue;
            }
            Files.copy(jar, copy);
            copy.toFile().deleteOnExit();
        }
        System.out.println("Bundled plugins: " + jars.stream().map(j -> j.getFileName().toString()).toList());
        return dir;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
