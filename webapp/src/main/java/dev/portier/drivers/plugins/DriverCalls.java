package dev.portier.drivers.plugins;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.drivers.plugins.DriverCallResult.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every call into plugin code (plugin start and stop, factory methods, drivers, HTTP handlers)
 * on a bounded pool of worker threads with a time limit, so that a plugin that throws, hangs or
 * ignores interrupts costs a worker, never a UI or request thread and never the host.
 *
 * <p>A call that overruns is cancelled (its worker interrupted) and abandoned; the caller gets a
 * {@link DriverCallResult.Failed} at once. When every worker is taken and the queue is full, calls
 * fail fast as {@link Reason#BUSY} instead of waiting. The last failure per plugin is kept for the
 * Plugins page. Thread-safe.
 */
@Singleton
public final class DriverCalls {

    /** How long a call into plugin code may take unless the caller says otherwise. */
    public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(DriverCalls.class);
    private static final int WORKERS = 16;
    private static final int QUEUED_CALLS = 256;

    private final Clock clock;
    private final ThreadPoolExecutor workers;
    private final Map<String, PluginCallFailure> lastFailures = new ConcurrentHashMap<>();

    private final dev.portier.platform.metrics.Metrics metrics;

    /** With a registry of its own (tests that only look at the calls). */
    DriverCalls(Clock clock) {
        this(clock, new dev.portier.platform.metrics.Metrics());
    }

    @Inject
    DriverCalls(Clock clock, dev.portier.platform.metrics.Metrics metrics) {
        this.clock = clock;
        this.metrics = metrics;
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED_CALLS),
                task -> {
                    // Daemon: a plugin thread stuck in a loop must not keep the JVM alive at shutdown.
                    Thread thread = new Thread(task, "portier-driver-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        workers.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code call} with {@link #DEFAULT_LIMIT}. */
    public <T> DriverCallResult<T> call(String pluginId, String what, Callable<T> call) {
        return call(pluginId, what, DEFAULT_LIMIT, call);
    }

    /**
     * Runs {@code call} on a driver worker and waits at most {@code limit} for it.
     *
     * @param pluginId whose code runs, for the failure record
     * @param what     what is being called, in words, e.g. "good-plugin: start"
     */
    public <T> DriverCallResult<T> call(String pluginId, String what, Duration limit, Callable<T> call) {
        long start = System.nanoTime();
        DriverCallResult<T> result = attempt(pluginId, what, limit, call);
        String outcome = result instanceof DriverCallResult.Failed<T> failed ? failed.reason().name().toLowerCase(java.util.Locale.ROOT) : "ok";
        io.micrometer.core.instrument.Timer.builder("portier.driver.calls").description("Calls into driver plugins by plugin and outcome")
                .tag("plugin", pluginId).tag("outcome", outcome).register(metrics.registry())
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return result;
    }

    private <T> DriverCallResult<T> attempt(String pluginId, String what, Duration limit, Callable<T> call) {
        Future<T> future;
        try {
            future = workers.submit(call);
        } catch (RejectedExecutionException e) {
            return failure(pluginId, Reason.BUSY, what + " could not run: every driver worker is busy or Portier is stopping", null);
        }
        try {
            return new DriverCallResult.Succeeded<>(future.get(limit.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            return failure(pluginId, Reason.TIMEOUT, DriverCallResult.timeoutMessage(what, limit), null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return failure(pluginId, Reason.EXCEPTION, what + " failed: " + describe(cause), cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return failure(pluginId, Reason.EXCEPTION, what + " was interrupted", e);
        }
    }

    /**
     * {@code call} with the plugin's class loader as the thread's context class loader, as libraries
     * inside a plugin (service loaders, XML, JSON) expect; the worker's own loader comes back after.
     */
    public static <T> Callable<T> inLoader(ClassLoader pluginLoader, Callable<T> call) {
        return () -> {
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(pluginLoader);
            try {
                return call.call();
            } finally {
                thread.setContextClassLoader(before);
            }
        };
    }

    /** The most recent failed call into the plugin's code, if any. */
    public Optional<PluginCallFailure> lastFailure(String pluginId) {
        return Optional.ofNullable(lastFailures.get(pluginId));
    }

    /** Workers currently running plugin code (including abandoned calls that ignore interrupts). */
    public int busyWorkers() {
        return workers.getActiveCount();
    }

    /** Interrupts whatever still runs; later calls fail as {@link Reason#BUSY}. */
    void shutdown() {
        workers.shutdownNow();
    }

    /** A throwable in one line: its type and message, as an operator reads it. */
    static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        String message = cause.getMessage();
        String type = cause.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }

    private <T> DriverCallResult<T> failure(String pluginId, Reason reason, String message, Throwable cause) {
        log.warn("Plugin {}: {}", pluginId, message, cause);
        lastFailures.put(pluginId, new PluginCallFailure(clock.instant(), reason, message));
        return DriverCallResult.failed(reason, message, cause);
    }

    /** A call into a plugin that failed, as the Plugins page shows it. */
    public record PluginCallFailure(Instant at, Reason reason, String message) {
    }
}
