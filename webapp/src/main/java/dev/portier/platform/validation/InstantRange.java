package dev.portier.platform.validation;

import java.time.Instant;
import java.util.Optional;

/**
 * The instants Portier stores: years 1 to 9999. Java parses instants up to year 999,999,999, but
 * those no longer fit in epoch milliseconds (the database's form), so they are refused where they
 * come in, with a message, instead of overflowing later.
 */
public final class InstantRange {

    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private InstantRange() {
    }

    public static boolean supported(Instant instant) {
        return instant == null || !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /** A message when {@code instant} is outside years 1–9999; empty when it is fine or null. */
    public static Optional<String> problem(String what, Instant instant) {
        return supported(instant) ? Optional.empty()
                : Optional.of(what + " must lie between the years 1 and 9999; " + instant + " does not");
    }
}
