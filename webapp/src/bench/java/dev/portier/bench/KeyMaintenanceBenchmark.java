package dev.portier.bench;

import dev.portier.drivers.trust.KeyMaintenance;
import dev.portier.platform.config.PortierConfig;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.Ids;
import dev.portier.web.server.PortierServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The key maintenance pass with 10,000 accounts, each with an enrolled phone, when nothing is due: a
 * real Portier (SQLite), rows written straight into the tables, then {@link KeyMaintenance#pass()}
 * timed — the first pass after start (every account reconciled, one reconcile per account as every pass
 * did before) and then 20 ordinary passes (one query finding what time made due).
 *
 * <p>Arguments: {@code [accounts] [passes]}.
 */
public final class KeyMaintenanceBenchmark {

    private KeyMaintenanceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path dir = Files.createTempDirectory("portier-bench-maintenance");
        try (PortierServer server = PortierServer.start(PortierConfig.forDataDir(dir))) {
            fill(server.injector().getInstance(Database.class), accounts);
            KeyMaintenance maintenance = server.injector().getInstance(KeyMaintenance.class);

            long start = System.nanoTime();
            int reconciled = maintenance.pass();
            double full = (System.nanoTime() - start) / 1e6;
            System.out.printf("first (full) pass: %d accounts reconciled in %.0f ms%n", reconciled, full);

            List<Double> times = new ArrayList<>();
            for (int i = 0; i < passes; i++) {
                start = System.nanoTime();
                int n = maintenance.pass();
                times.add((System.nanoTime() - start) / 1e6);
                if (n != 0) {
                    throw new IllegalStateException("nothing is due, yet the pass reconciled " + n + " accounts");
                }
            }
            List<Double> sorted = times.stream().sorted().toList();
            double median = sorted.get(sorted.size() / 2);
            double max = sorted.getLast();
            System.out.printf("ordinary passes: median %.1f ms, max %.1f ms%n", median, max);
            BenchRows.append(String.format("key maintenance pass, %,d accounts with phones, nothing due", accounts),
                    BenchRows.millis(median) + " per pass", "full pass (one reconcile per account, every pass before) "
                            + BenchRows.millis(full), BenchRows.ratio(full / median) + " faster",
                    BenchRows.millis(median), BenchRows.millis(max) + " (max of " + passes + ")", "≤ 1 s per pass, no query per account",
                    max <= 1000);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Accounts, each with one person and one active phone. */
    private static void fill(Database database, int accounts) {
        long now = System.currentTimeMillis();
        database.jdbi().useTransaction(h -> {
            PreparedBatch account = h.prepareBatch("INSERT INTO accounts (id, name, time_zone, created_at) VALUES (?, ?, 'UTC', ?)");
            PreparedBatch person = h.prepareBatch("INSERT INTO people (id, account_id, name, email, created_at) VALUES (?, ?, ?, ?, ?)");
            PreparedBatch device = h.prepareBatch("INSERT INTO devices (id, account_id, person_id, name, signing_key, encryption_key, "
                    + "token_hash, state, created_at) VALUES (?, ?, ?, 'Phone', ?, ?, ?, 'ACTIVE', ?)");
            for (int i = 0; i < accounts; i++) {
                String accountId = Ids.newId();
                String personId = Ids.newId();
                account.add(accountId, "Account " + i, now);
                person.add(personId, accountId, "Person " + i, "p" + i + "@example.com", now);
                device.add(Ids.newId(), accountId, personId, "A".repeat(43), "B".repeat(43), String.format("%064x", i), now);
            }
            account.execute();
            person.execute();
            device.execute();
        });
        System.out.printf("%,d accounts with a person and an active phone%n", accounts);
    }
}
