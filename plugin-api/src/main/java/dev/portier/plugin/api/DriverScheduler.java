package dev.portier.plugin.api;

import java.time.Duration;

/**
 * Runs a driver's background work on host worker threads with the usual time limit. Tasks of a
 * connection stop when it is disposed. A task that throws is logged and, when periodic, runs again
 * at its next period.
 */
public interface DriverScheduler {

    /** Runs {@code task} once after {@code delay}. */
    Cancellable after(Duration delay, Runnable task);

    /** Runs {@code task} every {@code period}, the first time after one period. */
    Cancellable every(Duration period, Runnable task);

    /** A scheduled task that can be stopped; {@link #cancel()} never blocks and may be called from any thread. */
    interface Cancellable {
        void cancel();
    }
}
