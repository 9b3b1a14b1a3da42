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

    @TearDown(Level.Trial)
    public void stop() {
        raw.close();
        harness.close();
    }
}
