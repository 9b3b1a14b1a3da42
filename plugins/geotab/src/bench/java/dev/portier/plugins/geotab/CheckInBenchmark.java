package dev.portier.plugins.geotab;

import static dev.portier.plugins.geotab.GeotabHarness.VAN;

import dev.portier.plugin.api.AccessDecider.AccessAnswer;
import dev.portier.plugin.api.RemoteCommands.CommandType;
import dev.portier.plugin.api.RemoteCommands.LockCommand;
import dev.portier.plugins.geotab.simulator.GoDevice;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long a CheckIn request takes from the long hold to the device's check-in, over real loopback HTTP:
 * the simulated device POSTs the CheckIn notification to Portier's webhook, the driver checks the
 * token and the NotificationId, asks the access decision (a stub that allows) and POSTs the CheckIn
 * response to the simulated Keyless Service, which books the vehicle. The baseline is one raw HTTP
 * POST of a Locate command to the same simulator, measured in the same run. The device must answer
 * within its one-minute timer; Portier's target is under 2 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class CheckInBenchmark {

    private static final String CARD = "743227D3PR";

    private GeotabHarness harness;
    private GoDevice van;
    private HttpClient raw;
    private HttpRequest locate;
    private final AtomicLong commandIds = new AtomicLong();

    @Setup(Level.Trial)
    public void start() {
        harness = new GeotabHarness();
        harness.context.decideWith(q -> new AccessAnswer(true, "grant-1", null, null, Duration.ofMinutes(30), List.of()));
        van = harness.simulator.device(VAN.vendorReference());
        raw = HttpClient.newHttpClient();
        locate = HttpRequest.newBuilder(URI.create(harness.simulator.url() + "/api/tenants/" + GeotabHarness.DATABASE
                        + "/devices/" + VAN.vendorReference() + "/commands"))
                .header("Authorization", "Bearer " + GeotabHarness.API_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"commands\":[\"Locate\"]}"))
                .build();
    }

    /** Checks the van out again (not measured), so every measured long hold is a fresh CheckIn request. */
    @Setup(Level.Invocation)
    public void checkOut() {
        String booked = van.checkedInKeyId();
        if (booked != null) {
            harness.driver.send(VAN, new LockCommand("check-out-" + commandIds.incrementAndGet(), CommandType.CHECK_OUT,
                    booked));
        }
    }

    @Benchmark
    public String checkInRequestApproved() {
        van.tap(CARD, true, Duration.ofSeconds(10));
        String booked = van.checkedInKeyId();
        if (booked == null) {
            throw new IllegalStateException("The CheckIn request was not approved");
        }
        return booked;
    }

    @Benchmark
    public int rawCommandPost() throws Exception {
        return raw.send(locate, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * Runs this benchmark alone and appends its row to the report's row file: system property
     * {@code portier.bench.rows} (absolute path), else {@code target/bench-rows.tsv}; eight TAB-separated
     * cells (hot path, Portier, baseline, ratio, p50, p99, goal, met).
     */
    public static void main(String[] args) throws Exception {
        var results = new org.openjdk.jmh.runner.Runner(new org.openjdk.jmh.runner.options.OptionsBuilder()
                .include(CheckInBenchmark.class.getName() + "\\.").build()).run();
        org.openjdk.jmh.util.Statistics[] checkIn = modes(results, "checkInRequestApproved");
        org.openjdk.jmh.util.Statistics[] post = modes(results, "rawCommandPost");
        double perSecond = checkIn[0].getMean() * 1000;
        double rawPerSecond = post[0].getMean() * 1000;
        double ratio = perSecond / rawPerSecond;
        double p99 = checkIn[1].getPercentile(99);
        String row = String.join("\t", "Geotab CheckIn request approved (webhook → decision → CheckIn POST)",
                String.format(java.util.Locale.ROOT, "%,.0f requests/s", perSecond),
                String.format(java.util.Locale.ROOT, "raw command POST %,.0f/s (p50 %.2f ms)", rawPerSecond, post[1].getPercentile(50)),
                String.format(java.util.Locale.ROOT, "%.2f×", ratio), String.format(java.util.Locale.ROOT, "%.2f ms", checkIn[1].getPercentile(50)),
                String.format(java.util.Locale.ROOT, "%.2f ms", p99),
                "≥ 0.5× the raw exchange's throughput; p99 ≤ 5 ms", ratio >= 0.5 && p99 <= 5 ? "yes" : "no") + "\n";
        java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("portier.bench.rows", "target/bench-rows.tsv"));
        if (file.toAbsolutePath().getParent() != null) {
            java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        }
        java.nio.file.Files.writeString(file, row, java.nio.charset.StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        System.out.print("bench row: " + row);
    }

    /** [throughput, sample time] statistics of one benchmark method. */
    private static org.openjdk.jmh.util.Statistics[] modes(java.util.Collection<org.openjdk.jmh.results.RunResult> results, String method) {
        org.openjdk.jmh.util.Statistics[] both = new org.openjdk.jmh.util.Statistics[2];
        for (var result : results) {
            if (result.getParams().getBenchmark().endsWith("." + method)) {
                both[result.getParams().getMode() == Mode.Throughput ? 0 : 1] = result.getPrimaryResult().getStatistics();
            }
        }
        if (both[0] == null || both[1] == null) {
            throw new IllegalStateException("No throughput and sample-time results for " + method);
        }
        return both;
    }

    @TearDown(Level.Trial)
    public void stop() {
        raw.close();
        harness.close();
    }
}
