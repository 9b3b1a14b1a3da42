package dev.portier.domain.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** A {@code lock_events} row joined with its lock's name ({@code lock_name}). */
final class RecordedEventMapper implements RowMapper<RecordedEvent> {

    static final RecordedEventMapper INSTANCE = new RecordedEventMapper();

    @Override
    public RecordedEvent map(ResultSet rs, StatementContext ctx) throws SQLException {
        long entry = rs.getLong("entry_number");
        Long entryNumber = rs.wasNull() ? null : entry;
        return new RecordedEvent(rs.getString("id"), rs.getString("lock_id"), rs.getString("lock_name"),
                rs.getString("connection_id"), entryNumber, Instant.ofEpochMilli(rs.getLong("occurred_at")),
                Instant.ofEpochMilli(rs.getLong("received_at")), rs.getString("type"), EventLog.details(rs.getString("details")),
                rs.getString("source"));
    }
}
