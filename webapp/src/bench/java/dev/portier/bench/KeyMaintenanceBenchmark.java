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

            // Now every account also holds a live key of a running grant (neither near its end): what the
            // ordinary pass's query reads through. (Added after the full pass, which would revoke them: these
            // locks are on no connection, so no key is wanted.)
            addLiveKeys(server.injector().getInstance(Database.class));

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
            BenchRows.append(String.format("key maintenance pass, %,d accounts with a phone and a live key, nothing due", accounts),
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

    /** For every phone: a site, a lock, an open-ended grant and an active key ending in six days. */
    private static void addLiveKeys(Database database) {
        long now = System.currentTimeMillis();
        long sixDays = 6L * 24 * 3600 * 1000;
        database.jdbi().useTransaction(h -> {
            List<List<String>> phones = h.createQuery("SELECT account_id, person_id, id FROM devices")
                    .map((rs, ctx) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).list();
            PreparedBatch site = h.prepareBatch("INSERT INTO sites (id, account_id, name, time_zone, created_at) VALUES (?, ?, 'Site', 'UTC', ?)");
            PreparedBatch lock = h.prepareBatch("INSERT INTO locks (id, account_id, site_id, name, kind, state, created_at) "
                    + "VALUES (?, ?, ?, 'Door', 'DOOR', 'ACTIVE', ?)");
            PreparedBatch grant = h.prepareBatch("INSERT INTO grants (id, account_id, person_id, lock_id, permissions, delivery, "
                    + "on_demand_minutes, state, created_at, created_by) VALUES (?, ?, ?, ?, 'UNLOCK', 'PRE_ISSUED', 0, 'ACTIVE', ?, 'bench')");
            PreparedBatch key = h.prepareBatch("INSERT INTO device_keys (id, account_id, device_id, lock_id, grant_id, kind, fingerprint, "
                    + "not_before, not_after, issued_at, sealed, state) VALUES (?, ?, ?, ?, ?, 'PRE_ISSUED', 'f', ?, ?, ?, 'sealed', 'ACTIVE')");
            for (List<String> phone : phones) {
                String siteId = Ids.newId();
                String lockId = Ids.newId();
                String grantId = Ids.newId();
                site.add(siteId, phone.get(0), now);
                lock.add(lockId, phone.get(0), siteId, now);
                grant.add(grantId, phone.get(0), phone.get(1), lockId, now);
                key.add(Ids.newId(), phone.get(0), phone.get(2), lockId, grantId, now, now + sixDays, now);
            }
            site.execute();
            lock.execute();
            grant.execute();
            key.execute();
        });
        System.out.println("Added a site, a lock, a grant and a live key to every account");
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
