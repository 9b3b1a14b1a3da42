package dev.portier.domain.events;

import java.time.Instant;

/**
 * What the account-wide event list narrows to; every part optional ({@code null}).
 *
 * @param lockId only this lock's events
 * @param type   only events of this type (exactly)
 * @param from   occurred at or after this instant
 * @param until  occurred before this instant
 * @param text   part of the type, the details or the lock's name, case-insensitive
 */
public record EventFilter(String lockId, String type, Instant from, Instant until, String text) {
    public static final EventFilter NONE = new EventFilter(null, null, null, null, null);
}
