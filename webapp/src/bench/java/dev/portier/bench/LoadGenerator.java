package dev.portier.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator of {@link CheckAccessLoad}, run in its own JVM so that it competes with the
 * server only for the CPU, as a real client on the same machine would. Sends GETs over loopback
 * (HTTP/1.1, keep-alive) to two targets of one server in turns: Unloc's check-access and the trivial
 * {@code /health}.
 *
 * <p>Latency at a fixed rate is measured open-loop: request {@code i} is due at {@code start + i/rate}
 * and its latency counts from then, not from when it was actually sent, so a stalled server cannot
 * hide its queue by slowing the generator down (no coordinated omission). Throughput is measured
 * closed-loop: a fixed number of clients, each sending its next request when the last one answered.
 *
 * <p>Arguments: base URL, API header name, API key, file of check-access paths (one a line), rate
 * (requests/s), seconds per measurement, clients for throughput.
 */
public final class LoadGenerator {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String header;
    private final String key;
    private final List<String> paths;

    private LoadGenerator(String base, String header, String key, List<String> paths) {
        this.base = base;
        this.header = header;
        this.key = key;
        this.paths = paths;
    }

    public static void main(String[] args) throws Exception {
        LoadGenerator load = new LoadGenerator(args[0], args[1], args[2], Files.readAllLines(Path.of(args[3])));
        int rate = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        int clients = Integer.parseInt(args[6]);

        System.out.println("Warming up both endpoints for " + seconds + " s each ...");
        load.fixedRate(true, rate, seconds);
        load.fixedRate(false, rate, seconds);
        Result checkAccess = load.fixedRate(true, rate, seconds);
        Result health = load.fixedRate(false, rate, seconds);
        Result checkAccessMax = load.closedLoop(true, clients, seconds);
        Result healthMax = load.closedLoop(false, clients, seconds);

        System.out.println();
        System.out.printf(Locale.ROOT, "| at %,d requests/s, %d s each | sent | errors | allowed | p50 | p99 | p99.9 | max |%n", rate, seconds);
        System.out.println("|---|---|---|---|---|---|---|---|");
        System.out.println(checkAccess.row("check-access"));
        System.out.println(health.row("/health"));
        System.out.printf(Locale.ROOT, "| check-access ÷ /health | | | | %.1f × | %.1f × | %.1f × | |%n",
                ratio(checkAccess.p(50), health.p(50)), ratio(checkAccess.p(99), health.p(99)),
                ratio(checkAccess.p(99.9), health.p(99.9)));
        System.out.println();
        System.out.printf(Locale.ROOT, "| throughput, %d clients, %d s | requests/s | errors | p50 | p99 |%n", clients, seconds);
        System.out.println("|---|---|---|---|---|");
        System.out.println(checkAccessMax.throughputRow("check-access"));
        System.out.println(healthMax.throughputRow("/health"));
        double ratio = checkAccessMax.perSecond() / healthMax.perSecond();
        System.out.printf(Locale.ROOT, "| check-access ÷ /health | %.2f × | | | |%n", ratio);
        double p99 = checkAccess.p(99) / 1e6;
        BenchRowFile.append("Unloc check-access (answer + durable event)", String.format(Locale.ROOT, "%,.0f req/s (%d clients)",
                        checkAccessMax.perSecond(), clients),
                String.format(Locale.ROOT, "/health %,.0f req/s", healthMax.perSecond()), ratio,
                Result.ms(checkAccess.p(50)) + " at " + rate + "/s", Result.ms(checkAccess.p(99)) + " at " + rate + "/s",
                "≥ 0.5× /health throughput; p99 ≤ 5 ms at 1,000 req/s", ratio >= 0.5 && p99 <= 5 && checkAccess.errors() == 0);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }

    private HttpRequest request(boolean checkAccess, int i) {
        if (!checkAccess) {
            return HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(10)).GET().build();
        }
        return HttpRequest.newBuilder(URI.create(base + paths.get(i % paths.size()))).header(header, key)
                .timeout(Duration.ofSeconds(10)).GET().build();
    }

    /** One request; answers whether it got a 200, and counts "hasAccess":true answers. */
    private boolean send(boolean checkAccess, int i, AtomicInteger allowed) {
        try {
            HttpResponse<String> response = client.send(request(checkAccess, i), HttpResponse.BodyHandlers.ofString());
            if (response.body().contains("\"hasAccess\":true")) {
                allowed.incrementAndGet();
            }
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Result fixedRate(boolean checkAccess, int rate, int seconds) throws InterruptedException {
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger allowed = new AtomicInteger();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                int n = i;
                senders.submit(() -> {
                    if (!send(checkAccess, n, allowed)) {
                        errors.incrementAndGet();
                    }
                    latencies[n] = System.nanoTime() - due;
                });
            }
            senders.shutdown();
            senders.awaitTermination(60, TimeUnit.SECONDS);
        }
        return new Result(latencies, errors.get(), allowed.get(), Duration.ofSeconds(seconds));
    }

    private Result closedLoop(boolean checkAccess, int clients, int seconds) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long[][] perClient = new long[clients][];
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger allowed = new AtomicInteger();
        AtomicLong counter = new AtomicLong();
        long started = System.nanoTime();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                int client = c;
                senders.submit(() -> {
                    long[] mine = new long[1 << 16];
                    int count = 0;
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        if (!send(checkAccess, (int) counter.getAndIncrement(), allowed)) {
                            errors.incrementAndGet();
                        }
                        if (count == mine.length) {
                            mine = Arrays.copyOf(mine, count * 2);
                        }
                        mine[count++] = System.nanoTime() - t0;
                    }
                    perClient[client] = Arrays.copyOf(mine, count);
                });
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        long[] all = Arrays.stream(perClient).flatMapToLong(Arrays::stream).toArray();
        return new Result(all, errors.get(), allowed.get(), took);
    }

    /** Latencies in nanoseconds. */
    private record Result(long[] latencies, int errors, int allowed, Duration took) {
        Result {
            latencies = latencies.clone();
            Arrays.sort(latencies);
        }

        long p(double percentile) {
            if (latencies.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(percentile / 100.0 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, index))];
        }

        double perSecond() {
            return latencies.length / (took.toNanos() / 1e9);
        }

        String row(String name) {
            return String.format(Locale.ROOT, "| %s | %,d | %d | %,d | %s | %s | %s | %s |", name, latencies.length, errors, allowed,
                    ms(p(50)), ms(p(99)), ms(p(99.9)), ms(latencies.length == 0 ? 0 : latencies[latencies.length - 1]));
        }

        String throughputRow(String name) {
            return String.format(Locale.ROOT, "| %s | %,.0f | %d | %s | %s |", name, perSecond(), errors, ms(p(50)), ms(p(99)));
        }

        private static String ms(long nanos) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
    }
}
