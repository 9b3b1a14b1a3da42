package dev.portier.drivers.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void waitsLongerAfterEachFailureThenHourly() {
        assertThat(Backoff.after(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(Backoff.after(2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Backoff.after(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(Backoff.after(4)).isEqualTo(Duration.ofMinutes(10));
        assertThat(Backoff.after(5)).isEqualTo(Duration.ofHours(1));
        assertThat(Backoff.after(50)).isEqualTo(Duration.ofHours(1));
    }
}
