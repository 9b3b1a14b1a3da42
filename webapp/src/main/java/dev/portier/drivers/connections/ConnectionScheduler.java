package dev.portier.drivers.connections;

import dev.portier.plugin.api.DriverScheduler;
import dev.portier.drivers.plugins.DriverCalls;
import dev.portier.platform.db.LeasedWork;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection's background tasks on the host's shared timer. The timer only triggers: each run is
 * a {@link DriverCalls} call (worker thread, time limit, plugin class loader), and a periodic task
 * waits for its run to finish before its next delay starts, so a slow driver never piles runs up.
 * {@link #cancelAll()} stops every task of the connection; tasks asked for afterwards never run.
 * A task runs only while this instance holds the connection's lease; elsewhere its runs are skipped (the
 * holder's driver runs its own), so with several instances on one database each task runs once.
 */
final class ConnectionScheduler implements DriverScheduler {

    private final String pluginId;
    private final String connectionName;
    private final ClassLoader pluginLoader;
    private final ScheduledExecutorService timer;
    private final DriverCalls calls;
    private final LeasedWork work;
    private final Set<ScheduledFuture<?>> tasks = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    ConnectionScheduler(String pluginId, String connectionName, ClassLoader pluginLoader, ScheduledExecutorService timer,
            DriverCalls calls, LeasedWork work) {
        this.work = work;
        this.pluginId = pluginId;
        this.connectionName = connectionName;
        this.pluginLoader = pluginLoader;
        this.timer = timer;
        this.calls = calls;
    }

    @Override
    public Cancellable after(Duration delay, Runnable task) {
        check(delay, task);
        if (cancelled) {
            return () -> { };
        }
        ScheduledFuture<?> future = timer.schedule(() -> run(task), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        return track(future);
    }

    @Override
    public Cancellable every(Duration period, Runnable task) {
        check(period, task);
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("A period must be positive");
        }
        if (cancelled) {
            return () -> { };
        }
        ScheduledFuture<?> future = timer.scheduleWithFixedDelay(() -> run(task), period.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
        return track(future);
    }

    /** Stops every task of the connection, including runs still waiting on the timer. */
    void cancelAll() {
        cancelled = true;
        tasks.forEach(f -> f.cancel(false));
        tasks.clear();
    }

    private Cancellable track(ScheduledFuture<?> future) {
        tasks.add(future);
        if (cancelled) {
            future.cancel(false);
        }
        return () -> {
            future.cancel(false);
            tasks.remove(future);
        };
    }

    private void run(Runnable task) {
        if (cancelled || !work.held()) {
            return;
        }
        // A failure is recorded and logged by DriverCalls; a periodic task runs again at its next period.
        calls.call(pluginId, connectionName + ": scheduled task", DriverCalls.inLoader(pluginLoader, () -> {
            task.run();
            return null;
        }));
    }

    private static void check(Duration delay, Runnable task) {
        if (delay == null || task == null) {
            throw new IllegalArgumentException("A task and its delay are needed");
        }
    }
}
