package dev.portier.plugin.api;

import java.time.Duration;
import java.util.List;

/**
 * Capability {@link Capability#EVENT_PULLING}: fetches the connection's lock logs from the vendor,
 * one page at a time after a cursor the host keeps. The host calls {@link #pull} every
 * {@link #pullInterval()} on a worker with a time limit (it may block on the network), records the
 * events durably and only then persists {@link PulledEvents#nextCursor()}; so a crash between the two
 * makes the host pull the same page again, which the host's per-(lock, entry number) idempotence
 * absorbs. When {@link PulledEvents#more()} is set the host pulls again at once; a failure (any
 * exception) backs off and retries with the same cursor.
 */
public interface EventPulling {

    /** How often the host pulls when there is nothing more. Constant per driver. */
    default Duration pullInterval() {
        return Duration.ofMinutes(1);
    }

    /**
     * Events after {@code cursor}.
     *
     * @param cursor what the last successful pull answered as {@link PulledEvents#nextCursor()};
     *               {@code null} the first time
     */
    PulledEvents pull(String cursor);

    /**
     * One page of events. Immutable.
     *
     * @param events     events of this connection's locks, named by Portier lock id
     *                   ({@link LockDirectory#byVendorReference}); entries of unknown locks are left out
     * @param nextCursor where the next pull starts; the same cursor when nothing new came
     * @param more       the page was full: pull again at once
     */
    record PulledEvents(List<LockEvent> events, String nextCursor, boolean more) {
        public PulledEvents {
            events = events == null ? List.of() : List.copyOf(events);
        }
    }
}
