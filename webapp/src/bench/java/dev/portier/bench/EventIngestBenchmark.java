package dev.portier.bench;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.portier.identity.users.SetupService;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.DatabaseModule;
import dev.portier.platform.db.Ids;
import dev.portier.domain.events.BatchResult;
import dev.portier.domain.events.EventLog;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.plugin.api.LockEvent;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.server.CoreModule;
import dev.portier.platform.lifecycle.Lifecycle;
import dev.portier.platform.config.PortierConfig;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
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
 * Lock event ingestion on SQLite: {@link EventLog#recordAll} of batches of 500 events of one lock as
 * phones deliver them — the lock's log shuffled in windows of 4,500 entries, each batch 450 new
 * entries and 50 (10%) already stored — beside the floor any ingestion pays: the same rows, batched
 * raw JDBC inserts into a plain table (no index, no constraint, no checks) in one transaction per
 * batch, through the same pool with the same durability ({@code synchronous=FULL}). One operation
 * is one batch: events per second are operations per second × 500; latency (p50, p99) is per batch.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dguice_bytecode_gen_option=DISABLED", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(1)
public class EventIngestBenchmark {

    static final int BATCH = 500;

    /** Runs this benchmark alone (as {@code bin/bench} does) and appends its row for the report. */
    public static void main(String[] args) throws Exception {
        java.util.Collection<org.openjdk.jmh.results.RunResult> results = new org.openjdk.jmh.runner.Runner(
                new org.openjdk.jmh.runner.options.OptionsBuilder().include(EventIngestBenchmark.class.getName() + ".").build()).run();
        double portier = BenchRows.score(results, "recordAllThroughput") * BATCH;
        double raw = BenchRows.score(results, "rawInsertThroughput") * BATCH;
        double ratio = portier / raw;
        BenchRows.append("event ingest (batches of 500, shuffled, 10% duplicates)", BenchRows.count(portier) + " events/s",
                "batched raw JDBC insert " + BenchRows.count(raw) + " events/s", BenchRows.ratio(ratio),
                BenchRows.millis(BenchRows.percentile(results, "recordAllLatency", 50)) + " per batch (raw "
                        + BenchRows.millis(BenchRows.percentile(results, "rawInsertLatency", 50)) + ")",
                BenchRows.millis(BenchRows.percentile(results, "recordAllLatency", 99)) + " per batch (raw "
                        + BenchRows.millis(BenchRows.percentile(results, "rawInsertLatency", 99)) + ")",
                "≥ 0.5× raw batched insert", ratio >= 0.5);
    }
    private static final int DUPLICATES = BATCH / 10;
    private static final int WINDOW_BATCHES = 10;
    private static final Instant START = Instant.parse("2026-11-02T07:00:00Z");
    private static final String RAW_INSERT = "INSERT INTO raw_events (id, account_id, lock_id, connection_id, entry_number, "
            + "occurred_at, received_at, type, details, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private Path dir;
    private Lifecycle lifecycle;
    private Jdbi jdbi;
    private EventLog log;
    private String accountId;
    private String lockId;
    private final Random random = new Random(42);
    private final List<List<LockEvent>> ready = new ArrayList<>();
    private long nextEntry = 1;
    private long duplicates;
    private long batches;

    @Setup(Level.Trial)
    public void build() throws IOException {
        dir = Files.createTempDirectory("portier-bench-events");
        Injector injector = Guice.createInjector(Stage.PRODUCTION,
                new CoreModule(PortierConfig.forDataDir(dir), Clock.systemUTC()), new dev.portier.platform.crypto.CryptoModule(),
                new DatabaseModule(), new dev.portier.domain.DomainModule());
        lifecycle = injector.getInstance(Lifecycle.class);
        lifecycle.start();
        SignedInUser owner = injector.getInstance(SetupService.class).setUp(new SetupService.FirstOwner("Bench", "Europe/Oslo",
                "Bench Owner", "bench@example.com", "bench password 1"));
        accountId = owner.accountId();
        String siteId = injector.getInstance(SiteService.class).create(owner, new SiteDraft("Harbour", null, "Europe/Oslo")).id();
        lockId = injector.getInstance(LockService.class).create(owner, new LockDraft(siteId, "Front door", LockKind.DOOR, null,
                null, LockState.ACTIVE)).id();
        jdbi = injector.getInstance(Database.class).jdbi();
        log = injector.getInstance(EventLog.class);
        // The plain table of the baseline: the columns of lock_events, nothing else.
        jdbi.useHandle(h -> h.execute("CREATE TABLE raw_events (id VARCHAR(36), account_id VARCHAR(36), lock_id VARCHAR(36), "
                + "connection_id VARCHAR(36), entry_number BIGINT, occurred_at BIGINT, received_at BIGINT, type VARCHAR(64), "
                + "details TEXT, source VARCHAR(16))"));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        System.out.printf("%nIngested %,d batches (%,d duplicates among them), %,d rows in lock_events, %,d in raw_events%n", batches,
                duplicates, count("lock_events"), count("raw_events"));
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
    public BatchResult recordAllThroughput() {
        return recordAll();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public BatchResult recordAllLatency() {
        return recordAll();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int[] rawInsertThroughput() throws SQLException {
        return rawInsert();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int[] rawInsertLatency() throws SQLException {
        return rawInsert();
    }

    private BatchResult recordAll() {
        return log.recordAll(accountId, lockId, "mobile", nextBatch());
    }

    private int[] rawInsert() throws SQLException {
        List<LockEvent> batch = nextBatch();
        return jdbi.withHandle(h -> {
            Connection connection = h.getConnection();
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(RAW_INSERT)) {
                long receivedAt = System.currentTimeMillis();
                for (LockEvent e : batch) {
                    insert.setString(1, Ids.newId());
                    insert.setString(2, accountId);
                    insert.setString(3, lockId);
                    insert.setString(4, null);
                    insert.setLong(5, e.entryNumber());
                    insert.setLong(6, e.occurredAt().toEpochMilli());
                    insert.setLong(7, receivedAt);
                    insert.setString(8, e.type());
                    insert.setString(9, "{\"card\":\"" + e.details().get("card") + "\"}");
                    insert.setString(10, "mobile");
                    insert.addBatch();
                }
                int[] counts = insert.executeBatch();
                connection.commit();
                return counts;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    /** The next batch: 450 entries of the current shuffled window and 50 already sent. */
    private List<LockEvent> nextBatch() {
        if (ready.isEmpty()) {
            fillWindow();
        }
        batches++;
        return ready.removeLast();
    }

    private void fillWindow() {
        long first = nextEntry;
        int fresh = (BATCH - DUPLICATES) * WINDOW_BATCHES;
        List<LockEvent> window = new ArrayList<>(fresh);
        for (int i = 0; i < fresh; i++) {
            window.add(entry(nextEntry++));
        }
        Collections.shuffle(window, random);
        for (int b = 0; b < WINDOW_BATCHES; b++) {
            List<LockEvent> batch = new ArrayList<>(window.subList(b * (BATCH - DUPLICATES), (b + 1) * (BATCH - DUPLICATES)));
            for (int d = 0; d < DUPLICATES; d++) {
                // Already sent: from an earlier window, or (in the first window) from this one.
                long sentBefore = first > 1 ? first - 1 : fresh;
                batch.add(entry(1 + (long) (random.nextDouble() * sentBefore)));
            }
            duplicates += DUPLICATES;
            Collections.shuffle(batch, random);
            ready.add(batch);
        }
    }

    private static LockEvent entry(long n) {
        return new LockEvent(null, n, START.plusSeconds(17 * n), n % 7 == 0 ? "ACCESS_DENIED" : "UNLOCKED",
                Map.of("card", "04A1B2" + (n % 5000)));
    }

    private long count(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }
}
