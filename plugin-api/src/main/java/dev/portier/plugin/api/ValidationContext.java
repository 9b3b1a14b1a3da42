package dev.portier.plugin.api;

import java.time.Clock;

/**
 * What {@link LockDriverFactory#validate} may use: there is no connection yet, so no secrets,
 * scheduler or locks. Thread-safe.
 */
public interface ValidationContext {

    /** Outbound HTTP with the host's time limits and destination checks; blocks. */
    OutboundHttp http();

    /** The time source (to judge certificate validity and the like). */
    Clock clock();
}
