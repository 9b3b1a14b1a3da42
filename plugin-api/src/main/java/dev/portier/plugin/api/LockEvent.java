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
 */
public record LockEvent(String lockId, Long entryNumber, Instant occurredAt, String type, Map<String, String> details) {
    public LockEvent {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
