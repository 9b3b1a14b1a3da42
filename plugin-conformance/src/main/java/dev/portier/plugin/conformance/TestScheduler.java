package dev.portier.plugin.conformance;

import dev.portier.plugin.api.DriverScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link DriverScheduler} over a real {@link ScheduledExecutorService} (two daemon threads), in
 * real time — the {@link MutableClock} does not drive it. Like the host, it cancels every task of the
 * connection on {@link #cancelAll()} (which {@link TestDriverContext#dispose} calls after the driver's
 * own {@code dispose()}), interrupting running ones, and keeps a periodic task going when one run
 * throws. Runs that threw are counted in {@link #failures()}.
 */
public final class TestScheduler implements DriverScheduler {

    private final AtomicInteger threadNumber = new AtomicInteger();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "conformance-driver-" + threadNumber.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final List<ScheduledFuture<?>> scheduled = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger runs = new AtomicInteger();

    @Override
    public Cancellable after(Duration delay, Runnable task) {
        ScheduledFuture<?> future = executor.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        scheduled.add(future);
        return () -> future.cancel(true);
    }

    @Override
    public Cancellable every(Duration period, Runnable task) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("A period must be positive: " + period);
        }
        ScheduledFuture<?> future = executor.scheduleWithFixedDelay(guarded(task), period.toNanos(), period.toNanos(),
                TimeUnit.NANOSECONDS);
        scheduled.add(future);
        return () -> future.cancel(true);
    }

    /** Stops every task of the connection, as the host does when it disposes one. */
    public void cancelAll() {
        scheduled.forEach(future -> future.cancel(true));
    }

    /** How many task runs have started so far. */
    public int runs() {
        return runs.get();
    }

    /** What scheduled runs threw, in order. */
    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    /** Tasks not yet done or cancelled (a periodic task stays pending until cancelled). */
    public long pending() {
        return scheduled.stream().filter(future -> !future.isDone()).count();
    }

    void close() {
        cancelAll();
        executor.shutdownNow();
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            runs.incrementAndGet();
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // The host logs and keeps periodic work going; the kit remembers for assertions.
                failures.add(e);
            }
        };
    }
}
