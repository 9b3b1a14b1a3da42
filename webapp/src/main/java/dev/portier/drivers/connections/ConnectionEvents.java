package dev.portier.drivers.connections;

import dev.portier.domain.events.EventLog;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.plugin.api.EventSink;
import dev.portier.plugin.api.LockEvent;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.ValidationException;

/** Makes the event sink a running connection's driver records its locks' events through. */
@Singleton
public final class ConnectionEvents {

    /** The source stored with events a driver delivered. */
    public static final String SOURCE = "driver";

    private final EventLog log;

    @Inject
    ConnectionEvents(EventLog log) {
        this.log = log;
    }

    /** The sink of one connection: events of that connection's locks only. */
    public EventSink sinkFor(String accountId, String connectionId) {
        return new Sink(log, accountId, connectionId);
    }

    /**
     * Writes to the {@link EventLog}. A driver knows nothing of the host's exceptions, so a refusal
     * reaches it as the {@link IllegalArgumentException} any Java code understands.
     */
    private record Sink(EventLog log, String accountId, String connectionId) implements EventSink {
        @Override
        public void record(LockEvent event) {
            try {
                log.record(accountId, connectionId, SOURCE, event);
            } catch (NotFoundException e) {
                throw new IllegalArgumentException("Lock " + event.lockId() + " is not one of this connection's locks");
            } catch (ValidationException e) {
                throw new IllegalArgumentException("The event was not recorded: " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "EventSink[connection=" + connectionId + "]";
        }
    }
}
