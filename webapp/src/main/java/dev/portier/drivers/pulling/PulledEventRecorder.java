package dev.portier.drivers.pulling;

import dev.portier.domain.events.BatchResult;
import dev.portier.domain.events.EventLog;
import dev.portier.drivers.connections.ConnectionEvents;
import dev.portier.plugin.api.LockEvent;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.ValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a pulled page durably through the {@link EventLog}, lock by lock, and only for the
 * connection's own locks. When this returns, every event it accepted survives a crash.
 *
 * <p>Events the log refuses for good — a lock that is not the connection's, a malformed event — are
 * left out and logged instead of failing the pull: the same page would come again on every retry,
 * and the cursor would never move past it.
 */
final class PulledEventRecorder {

    private static final Logger log = LoggerFactory.getLogger(PulledEventRecorder.class);
    /** The event log's largest batch. */
    private static final int BATCH = 1000;

    private final EventLog events;
    private final ConnectionEvents subjects;

    PulledEventRecorder(EventLog events, ConnectionEvents subjects) {
        this.events = events;
        this.subjects = subjects;
    }

    /** Answers how many events were new (not stored before). */
    int record(String accountId, String connectionId, List<LockEvent> page) {
        Map<String, List<LockEvent>> byLock = new LinkedHashMap<>();
        // Who did it, resolved once per subject of the page (a page is mostly a few people's many entries).
        Map<dev.portier.plugin.api.AccessDecider.Subject, Map<String, String>> described = new java.util.HashMap<>();
        for (LockEvent original : page) {
            LockEvent event = original == null || original.subject() == null ? original : ConnectionEvents.withSubject(original,
                    described.computeIfAbsent(original.subject(), subject -> subjects.describe(accountId, subject)));
            if (event == null || event.lockId() == null || event.lockId().isBlank()) {
                log.warn("Connection {}: a pulled event names no lock and was left out", connectionId);
            } else {
                byLock.computeIfAbsent(event.lockId(), id -> new ArrayList<>()).add(event);
            }
        }
        int accepted = 0;
        for (Map.Entry<String, List<LockEvent>> lock : byLock.entrySet()) {
            List<LockEvent> all = lock.getValue();
            for (int from = 0; from < all.size(); from += BATCH) {
                accepted += recordBatch(accountId, connectionId, lock.getKey(), all.subList(from, Math.min(all.size(), from + BATCH)));
            }
        }
        return accepted;
    }

    private int recordBatch(String accountId, String connectionId, String lockId, List<LockEvent> batch) {
        try {
            return write(accountId, connectionId, lockId, batch);
        } catch (NotFoundException e) {
            log.warn("Connection {}: {} pulled event(s) of lock {}, which is not one of its locks, were left out", connectionId,
                    batch.size(), lockId);
            return 0;
        } catch (ValidationException e) {
            // One bad event refuses its whole batch: keep the good ones.
            int accepted = 0;
            for (LockEvent event : batch) {
                try {
                    accepted += write(accountId, connectionId, lockId, List.of(event));
                } catch (ValidationException bad) {
                    log.warn("Connection {}: a pulled event of lock {} was left out: {}", connectionId, lockId, bad.getMessage());
                }
            }
            return accepted;
        }
    }

    private int write(String accountId, String connectionId, String lockId, List<LockEvent> batch) {
        BatchResult result = events.recordAll(accountId, connectionId, lockId, ConnectionEvents.SOURCE, batch);
        return result.accepted();
    }
}
