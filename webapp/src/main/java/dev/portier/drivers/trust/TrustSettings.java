package dev.portier.drivers.trust;

import java.time.Duration;

/**
 * How long issued keys live and when they are renewed. A key lives at most {@code keyLifetime}
 * (default 7 days, the grant's end comes first when nearer); it is renewed once less than a third
 * of that is left, while its grant lasts.
 */
public record TrustSettings(Duration keyLifetime) {

    public static final TrustSettings DEFAULTS = new TrustSettings(Duration.ofDays(7));

    public TrustSettings {
        if (keyLifetime.compareTo(Duration.ofMinutes(10)) < 0) {
            throw new IllegalArgumentException("Keys must live at least 10 minutes");
        }
    }

    public Duration renewBefore() {
        return keyLifetime.dividedBy(3);
    }
}
