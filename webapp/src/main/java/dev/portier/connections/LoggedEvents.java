package dev.portier.connections;

import dev.portier.plugin.api.EventSink;
import dev.portier.plugin.api.LockEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's lock events, written to the log. The lock event timeline (a table, idempotent per
 * lock and entry number) belongs to a later issue; until then an event is not durable, and only its
 * type, lock and entry number are logged — its details may name people and cards.
 */
final class LoggedEvents implements EventSink {

    private static final Logger log = LoggerFactory.getLogger(LoggedEvents.class);

    private final String connectionId;

    LoggedEvents(String connectionId) {
        this.connectionId = connectionId;
    }

    @Override
    public void record(LockEvent event) {
        if (event == null) {
            throw new IllegalArgumentException("An event is needed");
        }
        log.info("Connection {}: {} at lock {} (entry {}, {})", connectionId, event.type(), event.lockId(),
                event.entryNumber(), event.occurredAt());
    }
}
