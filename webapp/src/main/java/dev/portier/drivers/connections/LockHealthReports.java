package dev.portier.drivers.connections;

import static dev.portier.platform.db.EpochColumns.instant;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.db.Database;
import dev.portier.plugin.api.LockHealth;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest health each lock's driver reported (online, battery, last seen, firmware), with when it
 * was reported. Drivers report without blocking: the write happens on a background thread, and a
 * report for a lock that is not the connection's own is dropped.
 */
@Singleton
public final class LockHealthReports {

    private static final Logger log = LoggerFactory.getLogger(LockHealthReports.class);

    /** A lock's health as shown: the driver's report and when Portier received it. */
    public record Health(String lockId, Boolean online, Integer batteryPercent, boolean batteryLow, Instant lastSeen,
            String firmware, Instant reportedAt) {
    }

    private final Database database;
    private final Clock clock;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("lock-health").factory());

    @Inject
    LockHealthReports(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Records a report of a connection's lock later, on the writer thread; never blocks the driver. */
    void report(String accountId, ConnectionLocks locks, LockHealth health) {
        if (health == null) {
            return;
        }
        Instant now = clock.instant();
        writer.execute(() -> {
            try {
                if (locks.byId(health.lockId()).isEmpty()) {
                    log.warn("A driver reported the health of lock {}, which is not one of its connection's locks", health.lockId());
                    return;
                }
                write(accountId, health, now);
            } catch (RuntimeException e) {
                log.warn("Could not store the health of lock {}", health.lockId(), e);
            }
        });
    }

    private void write(String accountId, LockHealth health, Instant now) {
        database.jdbi().useHandle(h -> h.createUpdate("INSERT INTO lock_health (lock_id, account_id, online, battery_percent, "
                        + "battery_low, last_seen, firmware, reported_at) VALUES (:lockId, :accountId, :online, :battery, :low, "
                        + ":lastSeen, :firmware, :now) ON CONFLICT (lock_id) DO UPDATE SET online = excluded.online, "
                        + "battery_percent = excluded.battery_percent, battery_low = excluded.battery_low, "
                        + "last_seen = excluded.last_seen, firmware = excluded.firmware, reported_at = excluded.reported_at")
                .bind("lockId", health.lockId()).bind("accountId", accountId)
                .bind("online", health.online() == null ? null : health.online() ? 1 : 0)
                .bind("battery", health.batteryPercent()).bind("low", health.batteryLow() ? 1 : 0)
                .bind("lastSeen", health.lastSeen() == null ? null : health.lastSeen().toEpochMilli())
                .bind("firmware", health.firmware() == null ? null : truncate(health.firmware()))
                .bind("now", now.toEpochMilli()).execute());
    }

    public Optional<Health> of(String accountId, String lockId) {
        return all(accountId, List.of(lockId)).values().stream().findFirst();
    }

    /** The latest reports of the given locks of the account, by lock id (locks never reported are absent). */
    public Map<String, Health> all(String accountId, Collection<String> lockIds) {
        if (lockIds.isEmpty()) {
            return Map.of();
        }
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM lock_health WHERE account_id = :accountId "
                        + "AND lock_id IN (<ids>)").bind("accountId", accountId).bindList("ids", List.copyOf(lockIds))
                .map((rs, ctx) -> new Health(rs.getString("lock_id"), bool(rs.getObject("online")),
                        (Integer) rs.getObject("battery_percent"), rs.getInt("battery_low") == 1, instant(rs, "last_seen"),
                        rs.getString("firmware"), instant(rs, "reported_at")))
                .list()).stream().collect(Collectors.toMap(Health::lockId, Function.identity()));
    }

    /** Waits until every report handed over so far is written (tests, shutdown). */
    public void flush() {
        try {
            writer.submit(() -> { }).get();
        } catch (Exception e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteOfLock(Handle h, String lockId) {
        h.createUpdate("DELETE FROM lock_health WHERE lock_id = :id").bind("id", lockId).execute();
    }

    private static Boolean bool(Object value) {
        return value == null ? null : ((Number) value).intValue() == 1;
    }

    private static String truncate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100);
    }
}
