package dev.portier.bench;

import dev.portier.domain.events.LockTimeline;
import dev.portier.domain.events.TimelineRow;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.identity.users.SetupService;
import dev.portier.platform.config.PortierConfig;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.Ids;
import dev.portier.platform.db.PageRequest;
import dev.portier.web.server.PortierServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One lock's timeline at 1,000,000 events (every 1,000th entry missing, so there are gaps, and 1,000
 * events without entry number after them) on SQLite: the first, a middle and the last page of 50 rows,
 * read by keyset ({@link LockTimeline#pageAfter}, the cursor of the row before the page) and, for
 * comparison, by offset ({@link LockTimeline#page}, as the grid and {@code ?offset=} ask). Each page
 * is read {@code rounds} times after as many warm-up reads; p50 and p99 per page.
 *
 * <p>Arguments: {@code [events] [rounds]}.
 */
public final class LockTimelineBenchmark {

    private static final int PAGE = 50;

    private LockTimelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path dir = Files.createTempDirectory("portier-bench-timeline");
        try (PortierServer server = PortierServer.start(PortierConfig.forDataDir(dir))) {
            var injector = server.injector();
            SignedInUser owner = injector.getInstance(SetupService.class).setUp(new SetupService.FirstOwner("Bench", "UTC",
                    "Bench Owner", "bench@example.com", "bench password 1"));
            String siteId = injector.getInstance(SiteService.class).create(owner, new SiteDraft("Harbour", null, "UTC")).id();
            String lockId = injector.getInstance(LockService.class).create(owner, new LockDraft(siteId, "Front door", LockKind.DOOR,
                    null, null, LockState.ACTIVE)).id();
            long started = System.nanoTime();
            int unnumbered = fill(injector.getInstance(Database.class), owner.accountId(), lockId, events);
            System.out.printf("%,d numbered events (every 1,000th missing) and %,d without number written in %.1f s%n", events,
                    unnumbered, (System.nanoTime() - started) / 1e9);
            LockTimeline timeline = injector.getInstance(LockTimeline.class);

            int total = timeline.count(owner, lockId);
            int middle = total / 2;
            int last = total - PAGE;
            // Cursors as a client holds them: the cursor of the row before each page (found once, by offset).
            String middleCursor = LockTimeline.cursor(timeline.page(owner, lockId, new PageRequest(middle - 1, 1)).getFirst());
            String lastCursor = LockTimeline.cursor(timeline.page(owner, lockId, new PageRequest(last - 1, 1)).getFirst());
            check(timeline.pageAfter(owner, lockId, middleCursor, PAGE), timeline.page(owner, lockId, new PageRequest(middle, PAGE)));
            check(timeline.pageAfter(owner, lockId, lastCursor, PAGE), timeline.page(owner, lockId, new PageRequest(last, PAGE)));

            double[] first = measure(rounds, () -> timeline.pageAfter(owner, lockId, null, PAGE));
            double[] mid = measure(rounds, () -> timeline.pageAfter(owner, lockId, middleCursor, PAGE));
            double[] end = measure(rounds, () -> timeline.pageAfter(owner, lockId, lastCursor, PAGE));
            int offsetRounds = Math.max(3, rounds / 50);
            double[] firstByOffset = measure(offsetRounds, () -> timeline.page(owner, lockId, PageRequest.first(PAGE)));
            double[] midByOffset = measure(offsetRounds, () -> timeline.page(owner, lockId, new PageRequest(middle, PAGE)));
            double[] endByOffset = measure(offsetRounds, () -> timeline.page(owner, lockId, new PageRequest(last, PAGE)));
            System.out.printf("keyset p50: first %.2f ms, middle %.2f ms, last %.2f ms; offset p50: first %.1f ms, middle %.1f ms, last %.1f ms%n",
                    first[0], mid[0], end[0], firstByOffset[0], midByOffset[0], endByOffset[0]);

            double worst = Math.max(mid[0], end[0]);
            String rowsText = String.format("%,d rows", total);
            BenchRows.append("lock timeline at " + rowsText + ", keyset page of " + PAGE + " (cursor)",
                    "middle " + BenchRows.millis(mid[0]) + ", last " + BenchRows.millis(end[0]), "first page " + BenchRows.millis(first[0]),
                    BenchRows.ratio(worst / first[0]) + " time", "middle " + BenchRows.millis(mid[0]) + ", last " + BenchRows.millis(end[0]),
                    "middle " + BenchRows.millis(mid[1]) + ", last " + BenchRows.millis(end[1]),
                    "last and middle page within 2× of the first", worst <= 2 * first[0]);
            double worstByOffset = Math.max(midByOffset[0], endByOffset[0]);
            BenchRows.append("lock timeline at " + rowsText + ", offset page of " + PAGE + " (?offset=, grid position)",
                    "middle " + BenchRows.millis(midByOffset[0]) + ", last " + BenchRows.millis(endByOffset[0]),
                    "first page " + BenchRows.millis(firstByOffset[0]), BenchRows.ratio(worstByOffset / firstByOffset[0]) + " time",
                    "middle " + BenchRows.millis(midByOffset[0]) + ", last " + BenchRows.millis(endByOffset[0]),
                    "middle " + BenchRows.millis(midByOffset[1]) + ", last " + BenchRows.millis(endByOffset[1]),
                    "comparison: within 2× of the first, and the first under 50 ms",
                    worstByOffset <= 2 * firstByOffset[0] && firstByOffset[0] < 50);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void check(List<TimelineRow> keyset, List<TimelineRow> offset) {
        if (!keyset.stream().map(TimelineRow::key).toList().equals(offset.stream().map(TimelineRow::key).toList())) {
            throw new IllegalStateException("keyset and offset pages differ");
        }
    }

    /** {p50, p99} in milliseconds of {@code rounds} reads after as many warm-up reads. */
    private static double[] measure(int rounds, Supplier<List<TimelineRow>> read) {
        for (int i = 0; i < rounds; i++) {
            read.get();
        }
        List<Double> times = new ArrayList<>(rounds);
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            if (read.get().size() != PAGE) {
                throw new IllegalStateException("short page");
            }
            times.add((System.nanoTime() - start) / 1e6);
        }
        List<Double> sorted = times.stream().sorted().toList();
        return new double[] {sorted.get(sorted.size() / 2), sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1))};
    }

    private static AutoCloseable begin(Connection c) throws java.sql.SQLException {
        c.setAutoCommit(false);
        return () -> c.setAutoCommit(true);
    }

    /** The lock's log, written straight into lock_events in one transaction: numbered entries, then unnumbered ones. */
    private static int fill(Database database, String accountId, String lockId, int events) {
        long start = 1_700_000_000_000L;
        int unnumbered = events / 1000;
        database.jdbi().useHandle(h -> {
            Connection c = h.getConnection();
            try (AutoCloseable begun = begin(c); PreparedStatement insert = c.prepareStatement("INSERT INTO lock_events (id, account_id, lock_id, connection_id, "
                    + "entry_number, occurred_at, received_at, type, details, source) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, 'mobile')")) {
                for (long n = 1; n <= events + unnumbered; n++) {
                    boolean numbered = n <= events;
                    if (numbered && n % 1000 == 0) {
                        continue;
                    }
                    insert.setString(1, Ids.newId());
                    insert.setString(2, accountId);
                    insert.setString(3, lockId);
                    if (numbered) {
                        insert.setLong(4, n);
                    } else {
                        insert.setNull(4, java.sql.Types.BIGINT);
                    }
                    insert.setLong(5, start + 17_000 * n);
                    insert.setLong(6, start + 17_000 * n);
                    insert.setString(7, numbered ? "UNLOCKED" : "REMOTE_UNLOCK");
                    insert.setString(8, "{\"card\":\"04A1B2" + (n % 5000) + "\"}");
                    insert.addBatch();
                    if (n % 10_000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
                c.commit();
                c.setAutoCommit(true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return unnumbered;
    }
}
