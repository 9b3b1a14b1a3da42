package dev.portier.drivers.pulling;

import java.time.Duration;

/**
 * When the host pulls a connection's events. Between rounds it waits the driver's
 * {@code pullInterval()}, kept within [{@code shortestInterval}, {@code longestInterval}] so that a
 * driver can neither spin the host nor go silent for a day; a failed round waits
 * {@code firstBackoff}, doubled per further failure up to {@code longestBackoff}. A round pulls at
 * most {@code pagesPerRound} pages while the driver says there is more, then lets other connections
 * have the timer.
 */
public record PullTiming(Duration shortestInterval, Duration longestInterval, Duration firstBackoff, Duration longestBackoff,
        int pagesPerRound) {

    /** 1 s to 1 h between rounds; back-off from 1 min to 30 min; 20 pages a round. */
    public static final PullTiming DEFAULTS = new PullTiming(Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofMinutes(1),
            Duration.ofMinutes(30), 20);

    public PullTiming {
        if (shortestInterval.isNegative() || shortestInterval.isZero() || longestInterval.compareTo(shortestInterval) < 0) {
            throw new IllegalArgumentException("The interval bounds must be positive and in order");
        }
        if (firstBackoff.isNegative() || firstBackoff.isZero() || longestBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("The back-off bounds must be positive and in order");
        }
        if (pagesPerRound < 1) {
            throw new IllegalArgumentException("A round pulls at least one page");
        }
    }

    /** The driver's interval within the bounds ({@code null}, when it did not say: the SPI's default minute). */
    Duration interval(Duration asked) {
        if (asked == null) {
            return interval(Duration.ofMinutes(1));
        }
        if (asked.compareTo(longestInterval) > 0) {
            return longestInterval;
        }
        return asked.compareTo(shortestInterval) < 0 ? shortestInterval : asked;
    }

    /** The wait after the {@code failures}-th failure in a row (1 = the first). */
    Duration backoff(int failures) {
        Duration wait = firstBackoff;
        for (int i = 1; i < failures && wait.compareTo(longestBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(longestBackoff) > 0 ? longestBackoff : wait;
    }
}
