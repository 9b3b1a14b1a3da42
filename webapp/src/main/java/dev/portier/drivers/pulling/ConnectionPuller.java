package dev.portier.drivers.pulling;

import dev.portier.drivers.connections.ConnectionRuntime;
import dev.portier.drivers.plugins.DriverCallResult;
import dev.portier.plugin.api.EventPulling;
import dev.portier.plugin.api.EventPulling.PulledEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running connection's event pulling: a round on the shared timer, then the next one after the
 * driver's interval (or the back-off after a failure), until {@link #stop()}. A round pulls after the
 * saved cursor, records each page's events and only then saves the page's cursor, and goes on at
 * once while the driver says there is more (at most {@link PullTiming#pagesPerRound()} pages).
 *
 * <p>Rounds of one connection never overlap, even across a restart of its driver: they hold the
 * connection's round lock. A round still running when the puller stops finishes its page (record,
 * then save) and schedules nothing more.
 *
 * <p>Only the instance that runs the connection's background work pulls (see
 * {@link ConnectionRuntime#runsBackgroundWork}); the others skip their rounds.
 */
final class ConnectionPuller {

    private static final Logger log = LoggerFactory.getLogger(ConnectionPuller.class);

    /** What every puller shares. */
    record Parts(ConnectionRuntime runtime, EventPullStore store, PulledEventRecorder recorder, PullTiming timing, Clock clock,
            ScheduledExecutorService timer) {
    }

    private final String accountId;
    private final String connectionId;
    private final Parts parts;
    private final Lock rounds;
    private volatile boolean stopped;
    private Duration interval; // Only touched by rounds, which hold the lock.
    private ScheduledFuture<?> next; // Guarded by this.

    ConnectionPuller(String accountId, String connectionId, Parts parts, Lock rounds) {
        this.accountId = accountId;
        this.connectionId = connectionId;
        this.parts = parts;
        this.rounds = rounds;
    }

    void start() {
        schedule(Duration.ZERO);
    }

    void stop() {
        stopped = true;
        synchronized (this) {
            if (next != null) {
                next.cancel(false);
            }
        }
    }

    private void round() {
        if (stopped) {
            return;
        }
        if (!parts.runtime().runsBackgroundWork(connectionId)) {
            // Another instance pulls this connection; look again soon in case it stops.
            schedule(parts.timing().shortestInterval());
            return;
        }
        Duration wait;
        rounds.lock();
        try {
            wait = stopped ? null : pullPages();
        } catch (RuntimeException e) {
            // The event log or the store failed (the driver's own failures are results, not exceptions).
            log.warn("Connection {}: pulling events failed", connectionId, e);
            wait = failed(parts.clock().instant(), "Portier could not store the pulled events: " + e.getMessage());
        } finally {
            rounds.unlock();
        }
        if (wait != null) {
            schedule(wait);
        }
    }

    /** Pulls pages until the driver has no more; answers how long to wait before the next round. */
    private Duration pullPages() {
        Duration pause = interval();
        String cursor = parts.store().cursor(connectionId).orElse(null);
        for (int page = 0; page < parts.timing().pagesPerRound(); page++) {
            Instant at = parts.clock().instant();
            String after = cursor;
            DriverCallResult<PulledEvents> result = parts.runtime().callCapability(connectionId, EventPulling.class,
                    "pull events", driver -> driver.pull(after));
            if (result instanceof DriverCallResult.Failed<PulledEvents> failure) {
                // Interrupted by a stop: not the vendor's failure, and nobody waits for the next round.
                return stopped ? null : failed(at, failure.message());
            }
            PulledEvents pulled = ((DriverCallResult.Succeeded<PulledEvents>) result).value();
            if (pulled == null) {
                return failed(at, "The driver's pull answered nothing");
            }
            int fresh = parts.recorder().record(accountId, connectionId, pulled.events());
            cursor = pulled.nextCursor() == null ? cursor : pulled.nextCursor();
            parts.store().succeeded(accountId, connectionId, cursor, at, fresh);
            if (!pulled.more() || stopped) {
                return pause;
            }
        }
        // More is waiting, but other connections get their turn first.
        return parts.timing().shortestInterval();
    }

    /** The driver's interval, asked once; until it answers, the SPI's default (asked again next round). */
    private Duration interval() {
        if (interval == null && parts.runtime().callCapability(connectionId, EventPulling.class, "tell its pull interval",
                EventPulling::pullInterval) instanceof DriverCallResult.Succeeded<Duration> asked) {
            interval = parts.timing().interval(asked.value());
        }
        return interval != null ? interval : parts.timing().interval(null);
    }

    /** Keeps the failure; answers the back-off before the next round. */
    private Duration failed(Instant at, String error) {
        try {
            return parts.timing().backoff(parts.store().failed(accountId, connectionId, at, error));
        } catch (RuntimeException e) {
            log.warn("Connection {}: the pull failure could not be stored ({})", connectionId, error, e);
            return parts.timing().firstBackoff();
        }
    }

    private synchronized void schedule(Duration wait) {
        if (stopped) {
            return;
        }
        try {
            next = parts.timer().schedule(this::round, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Portier is stopping.
            stopped = true;
        }
    }
}
