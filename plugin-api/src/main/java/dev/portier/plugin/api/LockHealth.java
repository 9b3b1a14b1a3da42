package dev.portier.plugin.api;

import java.time.Instant;
import java.util.Objects;

/**
 * What a driver knows about one lock's condition, reported with {@link DriverContext#reportHealth}
 * whenever it learns something (a status poll, a webhook). Unknown facts are {@code null}. Immutable.
 *
 * @param lockId         Portier's lock id
 * @param online         whether the lock answers its vendor; {@code null} = unknown
 * @param batteryPercent 0 to 100; {@code null} = unknown
 * @param batteryLow     whether the lock or vendor says the battery needs changing
 * @param lastSeen       when the lock was last heard of; {@code null} = unknown
 * @param firmware       the firmware version; {@code null} = unknown
 */
public record LockHealth(String lockId, Boolean online, Integer batteryPercent, boolean batteryLow, Instant lastSeen,
        String firmware) {

    public LockHealth {
        Objects.requireNonNull(lockId, "lockId");
        if (batteryPercent != null && (batteryPercent < 0 || batteryPercent > 100)) {
            throw new IllegalArgumentException("A battery level is 0 to 100 percent, not " + batteryPercent);
        }
    }
}
