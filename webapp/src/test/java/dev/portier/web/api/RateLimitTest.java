package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket: a burst of the limit, then the limit a minute, per caller. */
class RateLimitTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final RateLimit limit = new RateLimit(60, nanos::get);

    @Test
    void aBurstOfTheLimitThenOneASecondAtSixtyAMinute() {
        for (int i = 0; i < 60; i++) {
            RateLimit.Decision decision = limit.take("token:a");
            assertThat(decision.allowed()).as("request %d", i).isTrue();
            assertThat(decision.remaining()).isEqualTo(59 - i);
        }
        RateLimit.Decision refused = limit.take("token:a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(refused.resetSeconds()).isEqualTo(60);
        assertThat(limit.take("token:b").allowed()).as("another token has its own bucket").isTrue();

        nanos.addAndGet(1_000_000_000L);
        assertThat(limit.take("token:a").allowed()).as("one more after a second").isTrue();
        assertThat(limit.take("token:a").allowed()).isFalse();

        nanos.addAndGet(120_000_000_000L);
        RateLimit.Decision full = limit.take("token:a");
        assertThat(full.allowed()).isTrue();
        assertThat(full.remaining()).as("never more than the burst").isEqualTo(59);
    }
}
