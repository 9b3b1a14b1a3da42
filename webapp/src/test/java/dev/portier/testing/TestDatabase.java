package dev.portier.testing;

import dev.portier.platform.config.PortierConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The database tests run on. By default SQLite in the test's data directory, as Portier runs by
 * default. With {@code -Dportier.test.db=postgres} (the build's second run of the suite) every data
 * directory gets its own fresh schema on a real PostgreSQL server instead: the server named by
 * {@code -Dportier.test.postgres.url} (a JDBC URL with a user allowed to create schemas), or else a
 * private cluster this JVM starts (see {@link PostgresCluster}). The same data directory always maps to the same
 * schema, so a test that restarts a server on its data directory finds its data again.
 *
 * <p>Every test that starts Portier's database gets its configuration through here (directly, or
 * through {@link TestServices} and {@link RunningServer}), so the whole suite runs on both.
 */
public final class TestDatabase {

    public static final String PROPERTY = "portier.test.db";
    public static final String URL_PROPERTY = "portier.test.postgres.url";

    private static PostgresServer server;

    private TestDatabase() {
    }

    /** Whether this run of the suite is the PostgreSQL one. */
    public static boolean postgres() {
        String db = System.getProperty(PROPERTY, "sqlite").trim().toLowerCase(Locale.ROOT);
        return switch (db) {
            case "sqlite", "" -> false;
            case "postgres", "postgresql" -> true;
            default -> throw new IllegalStateException("-D" + PROPERTY + " must be sqlite or postgres, was " + db);
        };
    }

    /** A configuration for tests (free port, key file in {@code dataDir}) on this run's database. */
    public static PortierConfig config(Path dataDir) {
        return adapt(PortierConfig.forDataDir(dataDir));
    }

    /**
     * {@code config} on this run's database: unchanged on SQLite, and on PostgreSQL when it already names
     * another database than its data directory's SQLite file; otherwise the data directory's schema.
     */
    public static PortierConfig adapt(PortierConfig config) {
        if (!postgres() || !config.dbUrl().equals(PortierConfig.forDataDir(config.dataDir()).dbUrl())) {
            return config;
        }
        PostgresServer pg = server();
        String schema = schemaFor(config.dataDir());
        pg.createSchema(schema);
        return config.withDatabase(pg.url(schema), Optional.empty());
    }

    /** The schema of a data directory: a name derived from its absolute path. */
    static String schemaFor(Path dataDir) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(
                    dataDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return "t_" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized PostgresServer server() {
        if (server == null) {
            String url = System.getProperty(URL_PROPERTY);
            server = url != null && !url.isBlank() ? new PostgresServer(url.trim()) : PostgresCluster.start().server();
        }
        return server;
    }

    /** A PostgreSQL server reached by a JDBC URL whose user may create schemas in its database. */
    record PostgresServer(String adminUrl) {

        String url(String schema) {
            return adminUrl + (adminUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }

        synchronized void createSchema(String schema) {
            try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not create schema " + schema + " on " + adminUrl + ": " + e.getMessage(), e);
            }
        }
    }
}
