package dev.portier.platform.db;

import java.util.Locale;

/**
 * The two databases Portier runs on: SQLite (one file in the data directory, the default) and
 * PostgreSQL (for several instances and larger installations). The schema and every query are
 * written in the SQL both accept; this says which one a JDBC URL names, for the few settings that
 * differ (pool, isolation, checkpoints).
 */
public enum Dialect {
    SQLITE("jdbc:sqlite:"),
    POSTGRESQL("jdbc:postgresql:");

    private final String urlPrefix;

    Dialect(String urlPrefix) {
        this.urlPrefix = urlPrefix;
    }

    /** The dialect of {@code jdbcUrl}, or {@code null} when Portier does not run on that database. */
    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl == null) {
            return null;
        }
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        for (Dialect dialect : values()) {
            if (lower.startsWith(dialect.urlPrefix)) {
                return dialect;
            }
        }
        return null;
    }

    public String urlPrefix() {
        return urlPrefix;
    }
}
