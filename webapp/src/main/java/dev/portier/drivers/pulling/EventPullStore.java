package dev.portier.drivers.pulling;

import dev.portier.platform.db.Database;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The {@code event_pulls} table: per connection, the cursor the next pull starts from and how pulling went. */
final class EventPullStore {

    private static final int MAX_ERROR = 1000;
    private static final String STATUS = "SELECT last_pull_at, last_success_at, failures, last_error, events_received "
            + "FROM event_pulls ";

    private final Database database;

    EventPullStore(Database database) {
        this.database = database;
    }

    /** The saved cursor; empty before the first successful pull (or when the driver's cursor is null). */
    Optional<String> cursor(String connectionId) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT cursor FROM event_pulls WHERE connection_id = :id")
                .bind("id", connectionId).mapTo(String.class).findOne());
    }

    /** Failures in a row so far (0 when the last pull worked or there was none). */
    int failures(String connectionId) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT failures FROM event_pulls WHERE connection_id = :id")
                .bind("id", connectionId).mapTo(Integer.class).findOne().orElse(0));
    }

    Optional<PullStatus> status(String accountId, String connectionId) {
        return database.jdbi().withHandle(h -> h.createQuery(STATUS + "WHERE connection_id = :id AND account_id = :accountId")
                .bind("id", connectionId).bind("accountId", accountId)
                .map((rs, ctx) -> new PullStatus(instant(rs.getLong("last_pull_at"), rs.wasNull()),
                        instant(rs.getLong("last_success_at"), rs.wasNull()), rs.getInt("failures"), rs.getString("last_error"),
                        rs.getLong("events_received")))
                .findOne());
    }

    /**
     * A pull's events are durable: moves the cursor on. Only called after the events were recorded, so
     * a crash before this line makes the next pull read them again (absorbed by the event log).
     */
    void succeeded(String accountId, String connectionId, String cursor, Instant at, int newEvents) {
        database.jdbi().useTransaction(h -> {
            ensureRow(h, accountId, connectionId);
            h.createUpdate("UPDATE event_pulls SET cursor = :cursor, last_pull_at = :at, last_success_at = :at, "
                            + "last_error = NULL, failures = 0, events_received = events_received + :count WHERE connection_id = :id")
                    .bind("cursor", cursor).bind("at", at.toEpochMilli()).bind("count", newEvents).bind("id", connectionId)
                    .execute();
        });
    }

    /** A pull failed: the cursor stays, the error and the count of failures in a row are kept. Answers that count. */
    int failed(String accountId, String connectionId, Instant at, String error) {
        return database.jdbi().inTransaction(h -> {
            ensureRow(h, accountId, connectionId);
            h.createUpdate("UPDATE event_pulls SET last_pull_at = :at, last_error = :error, failures = failures + 1 "
                            + "WHERE connection_id = :id")
                    .bind("at", at.toEpochMilli()).bind("error", truncate(error)).bind("id", connectionId).execute();
            return h.createQuery("SELECT failures FROM event_pulls WHERE connection_id = :id").bind("id", connectionId)
                    .mapTo(Integer.class).one();
        });
    }

    /** The connection was deleted. */
    void delete(String connectionId) {
        database.jdbi().useHandle(h -> h.createUpdate("DELETE FROM event_pulls WHERE connection_id = :id")
                .bind("id", connectionId).execute());
    }

    private static void ensureRow(Handle h, String accountId, String connectionId) {
        h.createUpdate("INSERT INTO event_pulls (connection_id, account_id) VALUES (:id, :accountId) "
                        + "ON CONFLICT (connection_id) DO NOTHING")
                .bind("id", connectionId).bind("accountId", accountId).execute();
    }

    private static Instant instant(long millis, boolean wasNull) {
        return wasNull ? null : Instant.ofEpochMilli(millis);
    }

    private static String truncate(String error) {
        String text = error == null || error.isBlank() ? "The pull failed" : error;
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
    }
}
