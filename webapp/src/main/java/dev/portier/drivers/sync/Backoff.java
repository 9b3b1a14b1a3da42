package dev.portier.drivers.sync;

import java.time.Duration;
import java.util.List;

/** How long the worker waits before trying a transient failure again: 5 s, 30 s, 2 min, 10 min, 1 h, then hourly. */
final class Backoff {

    private static final List<Duration> STEPS = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2),
            Duration.ofMinutes(10), Duration.ofHours(1));

    private Backoff() {
    }

    /** The wait after the {@code failures}-th failure in a row (1 = the first). */
    static Duration after(int failures) {
        return STEPS.get(Math.min(Math.max(failures, 1), STEPS.size()) - 1);
    }
}
