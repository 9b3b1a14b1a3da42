package dev.portier.bench;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.portier.access.AccessDecisions;
import dev.portier.access.Decision;
import dev.portier.access.Subject;
import dev.portier.identity.users.SetupService;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.DatabaseModule;
import dev.portier.domain.grants.Permission;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.server.CoreModule;
import dev.portier.platform.lifecycle.Lifecycle;
import dev.portier.platform.config.PortierConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The one access decision ({@link AccessDecisions#decide}) on SQLite with 100,000 grants, 10,000
 * people and 1,000 locks, beside a raw primary-key lookup of a grant through the same connection
 * pool and Jdbi — the floor any query pays. Single-threaded; throughput in operations per second,
 * latency distribution (p50, p99) from sample-time mode in microseconds.
 *
 * <p>Decisions cycle through 4,096 (person, lock) pairs fixed by a seed: half taken from grants on
 * a lock (so candidates are found and checked, schedules included), half drawn at random (mostly
 * "no grant", sometimes a site grant).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dguice_bytecode_gen_option=DISABLED", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(1)
public class AccessDecisionBenchmark {

    private static final int PAIRS = 4096;
    /** A Wednesday at 10:30 in Oslo: inside most schedules' working hours. */
    private static final Instant AT = Instant.parse("2026-11-25T09:30:00Z");

    private Path dir;
    private Lifecycle lifecycle;
    private AccessDecisions decisions;
    private Jdbi jdbi;
    private String accountId;
    private final String[] people = new String[PAIRS];
    private final String[] locks = new String[PAIRS];
    private final String[] grants = new String[PAIRS];
    private int next;

    @Setup(Level.Trial)
    public void build() throws IOException {
        dir = Files.createTempDirectory("portier-bench");
        Injector injector = Guice.createInjector(Stage.PRODUCTION,
                new CoreModule(PortierConfig.forDataDir(dir), Clock.systemUTC()), new DatabaseModule());
        lifecycle = injector.getInstance(Lifecycle.class);
        lifecycle.start();
        SignedInUser owner = injector.getInstance(SetupService.class).setUp(new SetupService.FirstOwner("Bench", "Europe/Oslo",
                "Bench Owner", "bench@example.com", "bench password 1"));
        accountId = owner.accountId();
        jdbi = injector.getInstance(Database.class).jdbi();
        decisions = injector.getInstance(AccessDecisions.class);

        long started = System.nanoTime();
        Random random = new Random(42);
        BenchData data = BenchData.build(jdbi, accountId, AT, random);
        for (int i = 0; i < PAIRS; i++) {
            if (i % 2 == 0) {
                String[] pair = data.grantedPairs.get(random.nextInt(data.grantedPairs.size()));
                people[i] = pair[0];
                locks[i] = pair[1];
            } else {
                people[i] = data.personIds.get(random.nextInt(data.personIds.size()));
                locks[i] = data.lockIds.get(random.nextInt(data.lockIds.size()));
            }
            grants[i] = data.grantIds.get(random.nextInt(data.grantIds.size()));
        }
        long allowed = Stream.iterate(0, i -> i + 1).limit(PAIRS)
                .filter(i -> decisions.decide(accountId, new Subject.Person(people[i]), locks[i], Permission.UNLOCK, AT).allowed())
                .count();
        int grantRows = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM grants").mapTo(Integer.class).one());
        System.out.printf("%nBench data: %,d grants, %,d people, %,d locks, built in %d ms; %d of %d pairs allowed%n", grantRows,
                data.personIds.size(), data.lockIds.size(), (System.nanoTime() - started) / 1_000_000, allowed, PAIRS);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        lifecycle.stop();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Decision decideThroughput() {
        return decide();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Decision decideLatency() {
        return decide();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Map<String, Object> primaryKeyLookupThroughput() {
        return primaryKeyLookup();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Map<String, Object> primaryKeyLookupLatency() {
        return primaryKeyLookup();
    }

    /**
     * Runs this benchmark alone (the four measurements, one fork) and appends its row to the report's
     * row file ({@link BenchRowFile}); {@code bench/suite.tsv} lists it.
     */
    public static void main(String[] args) throws Exception {
        java.util.Collection<org.openjdk.jmh.results.RunResult> results = new org.openjdk.jmh.runner.Runner(
                new org.openjdk.jmh.runner.options.OptionsBuilder().include(AccessDecisionBenchmark.class.getName() + "\\.").build()).run();
        double decide = score(results, "decideThroughput");
        double lookup = score(results, "primaryKeyLookupThroughput");
        var latency = statistics(results, "decideLatency");
        var lookupLatency = statistics(results, "primaryKeyLookupLatency");
        double ratio = decide / lookup;
        double p99 = latency.getPercentile(99);
        BenchRowFile.append("access decision, 100k grants", BenchRowFile.rate(decide, "decisions/s"),
                "primary-key lookup " + BenchRowFile.rate(lookup, "lookups/s") + " (p50 " + BenchRowFile.micros(lookupLatency.getPercentile(50))
                        + ", p99 " + BenchRowFile.micros(lookupLatency.getPercentile(99)) + ")",
                ratio, BenchRowFile.micros(latency.getPercentile(50)), BenchRowFile.micros(p99),
                "≥ 0.5× primary-key lookup; p99 ≤ 200 µs", ratio >= 0.5 && p99 <= 200);
    }

    static double score(java.util.Collection<org.openjdk.jmh.results.RunResult> results, String method) {
        return statistics(results, method).getMean();
    }

    static org.openjdk.jmh.util.Statistics statistics(java.util.Collection<org.openjdk.jmh.results.RunResult> results, String method) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + method)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No result for " + method)).getPrimaryResult().getStatistics();
    }

    private Decision decide() {
        int i = next++ & (PAIRS - 1);
        return decisions.decide(accountId, new Subject.Person(people[i]), locks[i], Permission.UNLOCK, AT);
    }

    private Map<String, Object> primaryKeyLookup() {
        String id = grants[next++ & (PAIRS - 1)];
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM grants WHERE id = :id").bind("id", id).mapToMap().one());
    }
}
