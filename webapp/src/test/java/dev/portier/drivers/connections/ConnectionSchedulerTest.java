package dev.portier.drivers.connections;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import dev.portier.drivers.plugins.DriverCalls;
import dev.portier.platform.db.LeasedWork;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A connection's tasks run on driver workers in the plugin's class loader and stop when it is disposed. */
class ConnectionSchedulerTest {

    final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    final DriverCalls calls = Guice.createInjector(b -> b.bind(Clock.class).toInstance(Clock.systemUTC()))
            .getInstance(DriverCalls.class);
    final ClassLoader pluginLoader = new ClassLoader(getClass().getClassLoader()) {
    };
    /** Whether this instance holds the connection's lease (another instance may run its work). */
    volatile boolean held = true;
    final LeasedWork work = new LeasedWork() {
        @Override
        public String name() {
            return "connection:doors";
        }

        @Override
        public boolean held() {
            return held;
        }

        @Override
        public void close() {
        }
    };
    final ConnectionScheduler scheduler = new ConnectionScheduler("test-plugin", "Doors", pluginLoader, timer, calls, work);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aTaskRunsOnADriverWorkerWithThePluginsLoader() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        AtomicReference<Thread> thread = new AtomicReference<>();
        AtomicReference<ClassLoader> loader = new AtomicReference<>();
        scheduler.after(Duration.ZERO, () -> {
            thread.set(Thread.currentThread());
            loader.set(Thread.currentThread().getContextClassLoader());
            ran.countDown();
        });
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(thread.get().getName()).startsWith("portier-driver-");
        assertThat(loader.get()).isSameAs(pluginLoader);
    }

    @Test
    void aPeriodicTaskThatThrowsRunsAgainAndCancelAllStopsEverything() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch twice = new CountDownLatch(2);
        scheduler.every(Duration.ofMillis(20), () -> {
            runs.incrementAndGet();
            twice.countDown();
            throw new IllegalStateException("vendor down");
        });
        assertThat(twice.await(5, TimeUnit.SECONDS)).isTrue();

        scheduler.cancelAll();
        Thread.sleep(100);
        int afterCancel = runs.get();
        Thread.sleep(200);
        assertThat(runs.get()).isEqualTo(afterCancel);

        AtomicInteger late = new AtomicInteger();
        scheduler.after(Duration.ZERO, late::incrementAndGet);
        scheduler.every(Duration.ofMillis(10), late::incrementAndGet);
        Thread.sleep(100);
        assertThat(late.get()).as("tasks asked for after dispose never run").isZero();
    }

    @Test
    void tasksRunOnlyWhileThisInstanceHoldsTheConnectionsLease() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        held = false;
        scheduler.after(Duration.ZERO, runs::incrementAndGet);
        scheduler.every(Duration.ofMillis(10), runs::incrementAndGet);
        Thread.sleep(200);
        assertThat(runs.get()).as("another instance holds the lease: its driver runs the tasks").isZero();

        held = true;
        CountDownLatch taken = new CountDownLatch(3);
        scheduler.every(Duration.ofMillis(10), taken::countDown);
        assertThat(taken.await(5, TimeUnit.SECONDS)).as("the lease moved here: the periodic task runs here now").isTrue();
        for (int i = 0; i < 500 && runs.get() == 0; i++) {
            Thread.sleep(10);
        }
        assertThat(runs.get()).as("the task skipped while the lease was elsewhere runs here now too").isPositive();
    }
}
