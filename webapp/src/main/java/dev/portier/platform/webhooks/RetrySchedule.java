package dev.portier.platform.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When a delivery is tried: at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h after each failure
 * (eight attempts over about a day and a half); after the eighth failure it has failed.
 */
final class RetrySchedule {

    static final List<Duration> DELAYS = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

    private RetrySchedule() {
    }

    /** How long after the {@code attempts}-th failed attempt the next one is due; empty when none is left. */
    static Optional<Duration> afterFailedAttempt(int attempts) {
        return attempts < DELAYS.size() ? Optional.of(DELAYS.get(attempts)) : Optional.empty();
    }
}
