package dev.portier.plugin.api;

import java.time.Instant;
import java.util.Map;

/**
 * Something that happened at a lock, as a driver reports it. Immutable; any thread.
 *
 * @param lockId       Portier's lock id
 * @param entryNumber  the lock's own sequence number when it numbers its log ({@code null} for cloud
 *                     events); the host stores each (lock, entry number) once, whatever the order
 *                     and however often it arrives
 * @param occurredAt   the lock's (or vendor's) timestamp of the event
 * @param type         e.g. "UNLOCKED", "CHECK_IN_REQUESTED", "TAP_CHECK_IN_COMPLETE"
 * @param details      free-form facts for the timeline (card serial, verdict, grant id …)
 * @param subject      who did it, as far as the driver knows: {@link AccessDecider.Subject#person} when it
 *                     can map the vendor's contact to the Portier person it pushed,
 *                     {@link AccessDecider.Subject#cardSerial} for a card; {@code null} when unknown.
 *                     Since 2.2.0.
 */
public record LockEvent(String lockId, Long entryNumber, Instant occurredAt, String type, Map<String, String> details,
        AccessDecider.Subject subject) {

    public LockEvent {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** An event without a known subject — the constructor of SPI 2.0 and 2.1, kept so their plugins still link. */
    public LockEvent(String lockId, Long entryNumber, Instant occurredAt, String type, Map<String, String> details) {
        this(lockId, entryNumber, occurredAt, type, details, null);
    }
}
