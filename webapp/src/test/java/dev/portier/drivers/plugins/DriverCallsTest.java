package dev.portier.drivers.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.drivers.plugins.DriverCallResult.Failed;
import dev.portier.drivers.plugins.DriverCallResult.Reason;
import dev.portier.drivers.plugins.DriverCallResult.Succeeded;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Plugin code runs on driver workers: values come back, throws and overruns become failures, never the caller's problem. */
class DriverCallsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final DriverCalls calls = new DriverCalls(Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void shutdown() {
        calls.shutdown();
    }

    @Test
    void aValueComesBackFromAWorkerThread() {
        DriverCallResult<String> result = calls.call("p", "p: name", () -> Thread.currentThread().getName());
        assertThat(result).isInstanceOfSatisfying(Succeeded.class, s -> assertThat((String) s.value()).startsWith("portier-driver-"));
        assertThat(calls.lastFailure("p")).isEmpty();
    }

    @Test
    void whatThePluginThrowsBecomesAFailureWithItsMessage() {
        DriverCallResult<String> result = calls.call("p", "p: lookup", () -> {
            throw new IllegalArgumentException("no such site");
        });
        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(Reason.EXCEPTION);
            assertThat(f.message()).isEqualTo("p: lookup failed: IllegalArgumentException: no such site");
            assertThat(f.cause()).isInstanceOf(IllegalArgumentException.class);
        });
        assertThat(calls.lastFailure("p")).hasValue(new DriverCalls.PluginCallFailure(NOW, Reason.EXCEPTION,
                "p: lookup failed: IllegalArgumentException: no such site"));
        assertThat(result.orElse(f -> "fallback")).isEqualTo("fallback");
    }

    @Test
    void errorsSuchAsAMissingClassAreContainedToo() {
        DriverCallResult<String> result = calls.call("p", "p: load", () -> {
            throw new NoClassDefFoundError("com/vendor/Sdk");
        });
        assertThat(result).isInstanceOfSatisfying(Failed.class,
                f -> assertThat(f.message()).isEqualTo("p: load failed: NoClassDefFoundError: com/vendor/Sdk"));
    }

    @Test
    void aHangingCallIsInterruptedAndAbandonedAtItsTimeLimit() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        long started = System.nanoTime();
        DriverCallResult<String> result = calls.call("p", "p: hang", Duration.ofMillis(200), () -> {
            try {
                Thread.sleep(60_000);
                return "late";
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(f.message()).isEqualTo("p: hang did not answer within 200 ms and was abandoned");
        });
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the worker was interrupted").isTrue();
    }

    @Test
    void whenEveryWorkerIsStuckNewCallsFailFastInsteadOfWaiting() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> stuck = new ArrayList<>();
        // Calls that ignore interrupts keep their worker; fill the workers and the queue with them.
        for (int i = 0; i < 16 + 256; i++) {
            Thread caller = Thread.ofVirtual().start(() -> calls.call("p", "p: stuck", Duration.ofSeconds(30), () -> {
                while (!release.await(10, TimeUnit.SECONDS)) {
                    Thread.onSpinWait();
                }
                return "done";
            }));
            stuck.add(caller);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        DriverCallResult<String> result;
        do {
            result = calls.call("q", "q: ping", Duration.ofMillis(100), () -> "pong");
        } while (!(result instanceof Failed<String> f && f.reason() == Reason.BUSY) && System.nanoTime() < deadline);
        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(Reason.BUSY);
            assertThat(f.message()).isEqualTo("q: ping could not run: every driver worker is busy or Portier is stopping");
        });
        release.countDown();
        for (Thread caller : stuck) {
            caller.join(10_000);
        }
        assertThat(calls.call("q", "q: ping", () -> "pong").succeeded()).isTrue();
    }
}
