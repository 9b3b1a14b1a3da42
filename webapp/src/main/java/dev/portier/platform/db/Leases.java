package dev.portier.platform.db;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.lifecycle.LifecycleListener;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Portier instance runs each piece of background work when several share one PostgreSQL database.
 * A worker asks for its {@link LeasedWork} by name and, before each run, whether it is {@link LeasedWork#held()}
 * here. Every {@link #RENEW_EVERY} this instance renews the leases it holds and tries to take the others:
 * a lease whose holder has not renewed it for {@link #TERM} is free, so the work of an instance that died
 * moves to a survivor within {@code TERM + RENEW_EVERY}. A holder that cannot reach the database stops
 * the work itself {@link #MARGIN} before its lease runs out, so the work never runs in two instances
 * (as long as the instances' clocks agree within that margin). A stopped instance gives its leases back.
 *
 * <p>On SQLite only one instance runs per database (see {@link SqliteFileLock}): every lease is held,
 * without a query.
 */
@Singleton
public final class Leases implements LifecycleListener {

    static final Duration TERM = Duration.ofSeconds(30);
    static final Duration RENEW_EVERY = Duration.ofSeconds(5);
    static final Duration MARGIN = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(Leases.class);

    private final Database database;
    private final String instance;
    private final Map<String, Lease> wanted = new ConcurrentHashMap<>();
    private volatile boolean shared;
    private volatile ScheduledExecutorService renewer;

    @Inject
    Leases(Database database) {
        this.database = database;
        String host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        this.instance = host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void start() {
        shared = database.dialect() == Dialect.POSTGRESQL;
        if (!shared) {
            return;
        }
        renewer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("portier-leases").daemon().factory());
        renewer.scheduleWithFixedDelay(this::renewAll, 0, RENEW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Background work is shared through leases with other instances on this database; this one is {}", instance);
    }

    @Override
    public void stop() {
        ScheduledExecutorService stopping = renewer;
        renewer = null;
        if (stopping == null) {
            return;
        }
        stopping.shutdownNow();
        wanted.values().forEach(lease -> lease.heldUntilNanos = System.nanoTime());
        try {
            // The work stopped before this (workers stop first): survivors may take it at once.
            database.jdbi().useHandle(h -> h.createUpdate("DELETE FROM leases WHERE holder = :holder")
                    .bind("holder", instance).execute());
        } catch (RuntimeException e) {
            log.warn("Giving the leases back failed; other instances take them over when they expire", e);
        }
    }

    /** This instance's name in the {@code leases} table (host, process id and a random part). */
    public String instance() {
        return instance;
    }

    /**
     * The lease on {@code name}, which this instance now tries to hold (at once, in the caller's thread: one
     * short statement, then at every renewal) until the returned work is closed.
     */
    public LeasedWork work(String name) {
        Lease lease = new Lease(name);
        Lease previous = wanted.put(name, lease);
        if (previous != null) {
            lease.heldUntilNanos = previous.heldUntilNanos;
        }
        if (renewer != null) {
            renew(lease);
        }
        return lease;
    }

    private void renewAll() {
        for (Lease lease : wanted.values()) {
            renew(lease);
        }
    }

    private void renew(Lease lease) {
        if (wanted.get(lease.name) != lease) {
            return;
        }
        long asked = System.nanoTime();
        long now = System.currentTimeMillis();
        try {
            int taken = database.jdbi().withHandle(h -> h.createUpdate("INSERT INTO leases (name, holder, expires_at) "
                            + "VALUES (:name, :holder, :expiresAt) ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, "
                            + "expires_at = excluded.expires_at WHERE leases.holder = excluded.holder OR leases.expires_at < :now")
                    .bind("name", lease.name).bind("holder", instance).bind("expiresAt", now + TERM.toMillis())
                    .bind("now", now).execute());
            boolean had = lease.held();
            lease.heldUntilNanos = taken == 1 ? asked + TERM.minus(MARGIN).toNanos() : asked;
            if (taken == 1 && !had) {
                log.info("This instance runs {} now", lease.name);
            } else if (taken == 0 && had) {
                log.warn("Another instance took {} over; it no longer runs here", lease.name);
            }
        } catch (RuntimeException e) {
            // Held leases run out by themselves (MARGIN before others may take them).
            log.warn("Renewing the lease on {} failed; the next renewal tries again", lease.name, e);
        }
    }

    private void release(Lease lease) {
        if (!wanted.remove(lease.name, lease) || !shared) {
            return;
        }
        boolean had = lease.held();
        lease.heldUntilNanos = System.nanoTime();
        ScheduledExecutorService current = renewer;
        if (!had || current == null) {
            return;
        }
        try {
            current.execute(() -> {
                if (!wanted.containsKey(lease.name)) {
                    database.jdbi().useHandle(h -> h.createUpdate("DELETE FROM leases WHERE name = :name AND holder = :holder")
                            .bind("name", lease.name).bind("holder", instance).execute());
                }
            });
        } catch (RejectedExecutionException e) {
            // Stopping: stop() gives every lease back.
        }
    }

    private final class Lease implements LeasedWork {
        private final String name;
        private volatile long heldUntilNanos = System.nanoTime();

        Lease(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean held() {
            return !shared || heldUntilNanos - System.nanoTime() > 0;
        }

        @Override
        public void close() {
            release(this);
        }

        @Override
        public String toString() {
            return "LeasedWork[" + name + (held() ? ", held" : "") + "]";
        }
    }
}
