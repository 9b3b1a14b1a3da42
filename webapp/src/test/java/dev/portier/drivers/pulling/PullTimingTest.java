package dev.portier.drivers.pulling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PullTimingTest {

    @Test
    void failuresInARowBackOffFromOneMinuteDoublingUpToHalfAnHour() {
        PullTiming timing = PullTiming.DEFAULTS;
        assertThat(timing.backoff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(timing.backoff(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(timing.backoff(5)).isEqualTo(Duration.ofMinutes(16));
        assertThat(timing.backoff(6)).isEqualTo(Duration.ofMinutes(30));
        assertThat(timing.backoff(1_000)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aDriversIntervalIsKeptWithinTheBounds() {
        PullTiming timing = PullTiming.DEFAULTS;
        assertThat(timing.interval(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(timing.interval(Duration.ZERO)).as("no spinning").isEqualTo(Duration.ofSeconds(1));
        assertThat(timing.interval(Duration.ofDays(2))).isEqualTo(Duration.ofHours(1));
        assertThat(timing.interval(null)).as("a driver that did not say").isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void boundsOutOfOrderAreRefused() {
        assertThatThrownBy(() -> new PullTiming(Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ofMinutes(1),
                Duration.ofMinutes(30), 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PullTiming(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(1),
                Duration.ofMinutes(30), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
