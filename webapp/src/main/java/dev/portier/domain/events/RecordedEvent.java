package dev.portier.domain.events;

import java.time.Instant;
import java.util.Map;

/**
 * A lock event as stored.
 *
 * @param entryNumber the lock's own sequence number, {@code null} for events without one
 * @param occurredAt  the lock's (or vendor's) clock
 * @param receivedAt  Portier's clock when the event was stored
 * @param source      who delivered it: {@code driver}, {@code mobile}, {@code api}
 */
public record RecordedEvent(String id, String lockId, String lockName, String connectionId, Long entryNumber,
        Instant occurredAt, Instant receivedAt, String type, Map<String, String> details, String source) {

    /** The details as one line, {@code name=value} pairs in name order. */
    public String detailsText() {
        StringBuilder text = new StringBuilder();
        details.forEach((name, value) -> text.append(text.isEmpty() ? "" : ", ").append(name).append('=').append(value));
        return text.toString();
    }
}
