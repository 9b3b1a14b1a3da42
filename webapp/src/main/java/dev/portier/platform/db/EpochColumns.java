package dev.portier.platform.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Instants as the schema stores them (epoch milliseconds, BIGINT), read by hand-written row mappers. */
public final class EpochColumns {

    private EpochColumns() {
    }

    /** The column's instant, or {@code null} when the column is NULL. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
