package dev.portier.domain.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.Ids;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.ValidationException;
import dev.portier.platform.webhooks.WebhookEventType;
import dev.portier.platform.webhooks.WebhookEvents;
import dev.portier.plugin.api.LockEvent;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * Writes lock events to the log ({@code lock_events}), idempotent by (lock, entry number): an entry
 * that arrives again — late, twice in one batch, in another batch — is counted as a duplicate and
 * the stored one kept. Events without an entry number are stored as they come.
 *
 * <p>A batch is checked as a whole first (nothing is written if one event is bad) and then written
 * in one immediate transaction. The database commits with {@code synchronous=FULL}, so once a call
 * returns its events survive a crash or power cut: a caller may acknowledge them to the lock, the
 * phone or the vendor. Single events of concurrent callers share one transaction and one commit
 * ({@link GroupCommit}), each caller still returning only once its event is durable. Callers are
 * trusted code (the host's event sink, the mobile API), so the account is given, not a signed-in
 * user; the lock must belong to it.
 */
@Singleton
public final class EventLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSERT = "INSERT INTO lock_events (id, account_id, lock_id, connection_id, entry_number, "
            + "occurred_at, received_at, type, details, source) VALUES (?, ?, ?, ?, ?, "
            + "?, ?, ?, ?, ?) "
            + "ON CONFLICT (lock_id, entry_number) WHERE entry_number IS NOT NULL DO NOTHING";

    private final Database database;
    private final Clock clock;
    private final GroupCommit single = new GroupCommit(this::writeSingles);

    private final dev.portier.platform.metrics.Metrics metrics;

    private final WebhookEvents webhooks;

    @Inject
    EventLog(Database database, Clock clock, dev.portier.platform.metrics.Metrics metrics, WebhookEvents webhooks) {
        this.webhooks = webhooks;
        this.database = database;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Records one event of the lock it names.
     *
     * @param connectionId the connection that delivered it, or {@code null}; when given, the lock must be one
     *                     of that connection's locks (a driver reports only its own locks)
     * @param source       who delivered it: {@code driver}, {@code mobile}, {@code api}
     * @throws ValidationException the event is malformed; nothing was written
     * @throws NotFoundException   the lock is not the account's (or not the connection's)
     */
    public RecordResult record(String accountId, String connectionId, String source, LockEvent event) {
        EventRules.checkSource(source);
        EventRules.checkOne(event);
        RecordResult result = single.submit(accountId, connectionId, source, event);
        counted(source, result.accepted() ? 1 : 0, result.accepted() ? 0 : 1);
        return result;
    }

    /** Single events of many callers in one transaction: each event's result, or the exception it met. */
    private List<GroupCommit.Outcome> writeSingles(List<GroupCommit.Pending> batch) {
        return database.jdbi().inTransaction(h -> {
            List<GroupCommit.Outcome> outcomes = new ArrayList<>(batch.size());
            for (GroupCommit.Pending pending : batch) {
                LockEvent event = pending.event();
                try {
                    requireLock(h, pending.accountId(), event.lockId(), pending.connectionId());
                    int[] inserted = insert(h, pending.accountId(), event.lockId(), pending.connectionId(), pending.source(),
                            List.of(event));
                    outcomes.add(GroupCommit.Outcome.of(new RecordResult(inserted[0] > 0)));
                } catch (NotFoundException refused) {
                    outcomes.add(GroupCommit.Outcome.refused(refused));
                }
            }
            return outcomes;
        });
    }

    /**
     * Records a batch of one lock's events (at most 1,000) in one transaction. An event naming no lock
     * belongs to {@code lockId}; one naming another lock makes the batch invalid.
     *
     * @throws ValidationException one event or more is malformed (each named by its index); nothing was written
     * @throws NotFoundException   the lock is not the account's
     */
    public BatchResult recordAll(String accountId, String lockId, String source, List<LockEvent> events) {
        return recordAll(accountId, null, lockId, source, events);
    }

    /**
     * Like {@link #recordAll(String, String, String, List)}, for events a connection's driver delivered
     * (pulled from the vendor): the lock must be one of that connection's locks, and the events keep
     * which connection delivered them.
     *
     * @param connectionId the delivering connection, or {@code null} (any lock of the account)
     * @throws NotFoundException the lock is not the account's (or not the connection's)
     */
    public BatchResult recordAll(String accountId, String connectionId, String lockId, String source, List<LockEvent> events) {
        EventRules.checkSource(source);
        EventRules.checkBatch(lockId, events);
        BatchResult batch = database.jdbi().inTransaction(h -> {
            requireLock(h, accountId, lockId, connectionId);
            if (events.isEmpty()) {
                return new BatchResult(0, 0);
            }
            int accepted = 0;
            for (int count : insert(h, accountId, lockId, connectionId, source, events)) {
                accepted += count > 0 ? 1 : 0;
            }
            return new BatchResult(accepted, events.size() - accepted);
        });
        counted(source, batch.accepted(), batch.duplicates());
        return batch;
    }

    /** {@code portier_events_ingested_total} by source and result (accepted, or a duplicate already recorded). */
    private void counted(String source, int accepted, int duplicates) {
        io.micrometer.core.instrument.Counter.builder("portier.events.ingested").description("Lock events received, by source and result")
                .tag("source", source).tag("result", "accepted").register(metrics.registry()).increment(accepted);
        io.micrometer.core.instrument.Counter.builder("portier.events.ingested").description("Lock events received, by source and result")
                .tag("source", source).tag("result", "duplicate").register(metrics.registry()).increment(duplicates);
    }

    private static void requireLock(Handle h, String accountId, String lockId, String connectionId) {
        Optional<String> lockConnection = h.createQuery("SELECT COALESCE(connection_id, '') FROM locks "
                        + "WHERE id = :id AND account_id = :accountId")
                .bind("id", lockId).bind("accountId", accountId).mapTo(String.class).findOne();
        if (lockConnection.isEmpty() || (connectionId != null && !lockConnection.get().equals(connectionId))) {
            throw new NotFoundException("lock");
        }
    }

    /**
     * One JDBC batch of the prepared insert, bound by position: at 500 events a batch, Jdbi's named
     * binding (a map of names per event) cost about a third of the Java time of an ingest.
     */
    private int[] insert(Handle h, String accountId, String lockId, String connectionId, String source, List<LockEvent> events) {
        long receivedAt = clock.millis();
        List<String> ids = new ArrayList<>(events.size());
        int[] inserted;
        try (PreparedStatement insert = h.getConnection().prepareStatement(INSERT)) {
            for (LockEvent event : events) {
                String id = Ids.newId();
                ids.add(id);
                insert.setString(1, id);
                insert.setString(2, accountId);
                insert.setString(3, lockId);
                if (connectionId == null) {
                    insert.setNull(4, Types.VARCHAR);
                } else {
                    insert.setString(4, connectionId);
                }
                if (event.entryNumber() == null) {
                    insert.setNull(5, Types.BIGINT);
                } else {
                    insert.setLong(5, event.entryNumber());
                }
                insert.setLong(6, event.occurredAt().toEpochMilli());
                insert.setLong(7, receivedAt);
                insert.setString(8, event.type().strip());
                insert.setString(9, json(event.details()));
                insert.setString(10, source);
                insert.addBatch();
            }
            inserted = insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Storing lock events failed: " + e.getMessage(), e);
        }
        List<String> subscribers = webhooks.subscribers(h, accountId, WebhookEventType.LOCK_EVENT);
        for (int i = 0; i < inserted.length && !subscribers.isEmpty(); i++) {
            if (inserted[i] > 0) {
                publish(h, subscribers, accountId, lockId, connectionId, source, ids.get(i), events.get(i));
            }
        }
        return inserted;
    }

    /** {@code lock.event} to the account's webhooks, in the transaction that stored the event. */
    private void publish(Handle h, List<String> subscribers, String accountId, String lockId, String connectionId, String source,
            String id, LockEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("eventId", id);
        data.put("lockId", lockId);
        data.put("connectionId", connectionId);
        data.put("entryNumber", event.entryNumber());
        data.put("type", event.type().strip());
        data.put("occurredAt", event.occurredAt().toString());
        data.put("source", source);
        data.put("details", new TreeMap<>(event.details()));
        webhooks.publish(h, accountId, subscribers, WebhookEventType.LOCK_EVENT, "lock:" + lockId, data);
    }

    /** Sorted by name, so equal details are equal text. */
    public static String json(Map<String, String> details) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Strings always serialize", e);
        }
    }

    static Map<String, String> details(String json) {
        try {
            return JSON.readValue(json, JSON.getTypeFactory().constructMapType(TreeMap.class, String.class, String.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored details are not a JSON object of strings: " + json, e);
        }
    }
}
