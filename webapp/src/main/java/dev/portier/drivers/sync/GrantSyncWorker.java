package dev.portier.drivers.sync;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantCoverage;
import dev.portier.domain.grants.GrantListener;
import dev.portier.domain.grants.GrantService;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.LeasedWork;
import dev.portier.platform.db.Leases;
import dev.portier.platform.lifecycle.LifecycleListener;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the grant sync outbox in the background. Woken right after a grant change commits, and
 * otherwise every {@value #POLL_SECONDS} s, it picks the due rows — withdrawals first — and runs at
 * most one attempt per connection at a time (in that order), so a vendor that hangs holds up only its
 * own rows. Every minute a sweep brings rows in line with what changed without a grant change (a grant
 * expired, a card was lost, a lock moved or joined a connection, a plugin started). All state is in the
 * table, so a restart, even a kill, resumes where it stopped; a call cut off midway is simply made
 * again (drivers are idempotent by contract). Starts after the connections. With several instances on
 * one database only the one holding the {@value #LEASE} lease works the outbox.
 */
@Singleton
final class GrantSyncWorker implements LifecycleListener, GrantListener {

    static final int POLL_SECONDS = 2;
    static final String LEASE = "grant-sync";
    private static final int SWEEP_SECONDS = 60;
    private static final int ATTEMPTS_AT_ONCE = 4;
    private static final int DUE_PER_PASS = 200;
    private static final Logger log = LoggerFactory.getLogger(GrantSyncWorker.class);

    private final Database database;
    private final Leases leases;
    private volatile LeasedWork work;
    private final DesiredGrantState desired;
    private final SyncAttempt attempt;
    private final Clock clock;
    private final Set<String> busyConnections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean passQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService timer;
    private volatile ExecutorService attempts;

    @Inject
    GrantSyncWorker(Database database, Leases leases, DesiredGrantState desired, SyncAttempt attempt, Clock clock,
            dev.portier.platform.metrics.Metrics metrics) {
        this.database = database;
        this.leases = leases;
        this.desired = desired;
        this.attempt = attempt;
        this.clock = clock;
        // Read at each scrape: rows waiting for the vendor, and how long the oldest has waited since it changed.
        io.micrometer.core.instrument.Gauge.builder("portier.grant.sync.outbox.depth", this,
                        w -> w.database.jdbi().withHandle(GrantSyncOutbox::waiting))
                .description("Grant-sync outbox rows waiting to be applied at a vendor").strongReference(true).register(metrics.registry());
        io.micrometer.core.instrument.Gauge.builder("portier.grant.sync.outbox.oldest.age", this,
                        w -> w.database.jdbi().withHandle(h -> GrantSyncOutbox.oldestWaitingSince(h))
                                .map(since -> Math.max(0, w.clock.millis() - since) / 1000.0).orElse(0.0))
                .description("Age of the oldest waiting grant-sync outbox row").baseUnit("seconds").strongReference(true)
                .register(metrics.registry());
    }

    @Override
    public void start() {
        work = leases.work(LEASE);
        attempts = Executors.newFixedThreadPool(ATTEMPTS_AT_ONCE, threads("portier-grant-sync-"));
        timer = Executors.newSingleThreadScheduledExecutor(threads("portier-grant-sync-timer-"));
        timer.scheduleWithFixedDelay(this::pass, 0, POLL_SECONDS, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::sweep, 1, SWEEP_SECONDS, TimeUnit.SECONDS);
    }

    /** Stops at once, without waiting for calls in flight: their rows stay due and are tried after the next start. */
    @Override
    public void stop() {
        ScheduledExecutorService stoppingTimer = timer;
        ExecutorService stoppingAttempts = attempts;
        timer = null;
        attempts = null;
        if (stoppingTimer != null) {
            stoppingTimer.shutdownNow();
        }
        if (stoppingAttempts != null) {
            stoppingAttempts.shutdownNow();
        }
        busyConnections.clear();
        LeasedWork held = work;
        if (held != null) {
            held.close();
        }
    }

    /** A grant change committed: look at the outbox now rather than at the next poll. */
    @Override
    public void grantChanged(String accountId, String grantId) {
        wake();
    }

    void wake() {
        ScheduledExecutorService current = timer;
        if (current != null && passQueued.compareAndSet(false, true)) {
            try {
                current.execute(this::pass);
            } catch (RejectedExecutionException e) {
                passQueued.set(false);
            }
        }
    }

    private void pass() {
        passQueued.set(false);
        ExecutorService pool = attempts;
        if (pool == null || !work.held()) {
            return;
        }
        try {
            List<OutboxEntry> due = database.jdbi().withHandle(h -> GrantSyncOutbox.due(h, clock.instant(), DUE_PER_PASS));
            // The first due row of each connection, in the outbox's order (withdrawals first).
            Map<String, OutboxEntry> next = new LinkedHashMap<>();
            due.forEach(entry -> next.putIfAbsent(entry.connectionId(), entry));
            for (OutboxEntry entry : next.values()) {
                if (busyConnections.add(entry.connectionId())) {
                    pool.execute(() -> runAndWake(entry));
                }
            }
            // Revocations under way, asked about when their connection has nothing else to do.
            for (GrantSyncOutbox.Revocation revocation : database.jdbi().withHandle(h ->
                    GrantSyncOutbox.revocationsDue(h, clock.instant(), DUE_PER_PASS))) {
                OutboxEntry entry = revocation.entry();
                if (!next.containsKey(entry.connectionId()) && busyConnections.add(entry.connectionId())) {
                    pool.execute(() -> followAndRelease(revocation));
                }
            }
        } catch (RejectedExecutionException e) {
            // Stopping.
        } catch (RuntimeException e) {
            log.warn("Grant sync pass failed; the next poll tries again", e);
        }
    }

    private void runAndWake(OutboxEntry entry) {
        try {
            attempt.run(entry);
        } catch (RuntimeException e) {
            log.warn("Grant sync of grant {} at lock {} failed; the next poll tries again", entry.grantId(), entry.lockId(), e);
        } finally {
            busyConnections.remove(entry.connectionId());
            wake();
        }
    }

    private void followAndRelease(GrantSyncOutbox.Revocation revocation) {
        try {
            attempt.followRevocation(revocation.entry(), revocation.withdrawnReference(), revocation.checks());
        } catch (RuntimeException e) {
            log.warn("Following the revocation of grant {} at lock {} failed; asked again later", revocation.entry().grantId(),
                    revocation.entry().lockId(), e);
        } finally {
            busyConnections.remove(revocation.entry().connectionId());
        }
    }

    /** Rows for what changed without a grant change: current grants, and grants a vendor still holds. */
    private void sweep() {
        if (!work.held()) {
            return;
        }
        try {
            Map<String, String> grants = new LinkedHashMap<>();
            database.jdbi().withHandle(h -> {
                GrantCoverage.current(h, clock.instant()).forEach(grant -> grants.put(grant.id(), grant.accountId()));
                GrantSyncOutbox.grantsWithPushes(h).forEach(ref -> grants.putIfAbsent(ref.grantId(), ref.accountId()));
                return null;
            });
            grants.forEach(this::sweep);
            wake();
        } catch (RuntimeException e) {
            log.warn("Grant sync sweep failed; the next one tries again", e);
        }
    }

    private void sweep(String grantId, String accountId) {
        try {
            database.jdbi().useTransaction(h -> {
                Grant grant = GrantService.find(h, accountId, grantId);
                desired.reconcile(h, grant, false);
            });
        } catch (RuntimeException e) {
            // One grant that cannot be read must not stop the others.
            log.warn("Grant sync sweep skipped grant {}", grantId, e);
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
