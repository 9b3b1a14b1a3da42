package dev.portier.platform.db;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.portier.platform.lifecycle.LifecycleListener;
import dev.portier.platform.config.ConfigLoader;
import dev.portier.platform.config.PortierConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The one database of a Portier instance, migrated by Flyway when the server starts: by default a
 * small connection pool over SQLite (WAL, foreign keys, busy timeout, immediate write transactions);
 * with a {@code jdbc:postgresql:} URL a HikariCP pool over PostgreSQL, whose explicit transactions run
 * SERIALIZABLE and are retried on a serialization failure (see {@link SerializableTransactions}).
 * Both run the same migrations and the same queries, written in the SQL both accept.
 *
 * <p>Instants are stored as UTC epoch milliseconds ({@code BIGINT}), which sorts, compares and
 * ports to PostgreSQL without time-zone surprises.
 */
@Singleton
public final class Database implements LifecycleListener {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    static final int BUSY_TIMEOUT_MS = 10_000;

    /** How often the background checkpointer moves the write-ahead log into the database file. */
    static final long CHECKPOINT_MILLIS = 1_000;

    /** PostgreSQL: enough for the request threads and background workers of one instance. */
    static final int POSTGRESQL_POOL_SIZE = 10;
    /** SQLite: how much of the database file is read through memory mapping (256 MiB). */
    static final long MMAP_BYTES = 256L * 1024 * 1024;

    private final PortierConfig config;
    private volatile Dialect dialect;
    private volatile HikariDataSource dataSource;
    private volatile Jdbi jdbi;
    private ScheduledExecutorService checkpointer;
    private SqliteFileLock fileLock;

    @Inject
    Database(PortierConfig config) {
        this.config = config;
    }

    @Override
    public void start() throws Exception {
        Dialect chosen = Dialect.of(config.dbUrl());
        if (chosen == null) {
            throw new IllegalStateException("Portier runs on SQLite or PostgreSQL, not on "
                    + ConfigLoader.withoutPassword(config.dbUrl()));
        }
        dialect = chosen;
        try {
            open(chosen);
        } catch (Exception | Error e) {
            // Lifecycle stops only what started: give back the pool and the lock file here.
            stop();
            throw e;
        }
        log.info("Database ready at {}", ConfigLoader.withoutPassword(config.dbUrl()));
    }

    private void open(Dialect chosen) throws Exception {
        if (chosen == Dialect.SQLITE) {
            Path file = sqliteFile(config.dbUrl());
            if (file != null && file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (file != null) {
                fileLock = SqliteFileLock.acquire(file);
                OwnerOnlyFiles.prepareSqlite(file);
            }
            dataSource = new HikariDataSource(sqlitePool(config.dbUrl()));
        } else {
            dataSource = new HikariDataSource(postgresqlPool(config));
        }
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
        jdbi = configure(Jdbi.create(dataSource), chosen);
        if (chosen == Dialect.SQLITE) {
            // SQLite's automatic checkpoint runs inside the commit that crosses its threshold, stalling that
            // writer (and every event waiting on it) for tens of milliseconds; here a background thread does
            // it instead, without blocking writers (PASSIVE).
            checkpointer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("sqlite-checkpoint").daemon().factory());
            checkpointer.scheduleWithFixedDelay(this::checkpoint, CHECKPOINT_MILLIS, CHECKPOINT_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    private void checkpoint() {
        try {
            jdbi.useHandle(h -> h.createQuery("PRAGMA wal_checkpoint(PASSIVE)").mapToMap().list());
        } catch (RuntimeException e) {
            log.debug("Checkpoint skipped: {}", e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (checkpointer != null) {
            checkpointer.shutdownNow();
        }
        HikariDataSource ds = dataSource;
        if (ds != null) {
            ds.close();
        }
        releaseFileLock();
    }

    private void releaseFileLock() {
        SqliteFileLock held = fileLock;
        fileLock = null;
        if (held != null) {
            try {
                held.close();
            } catch (java.io.IOException e) {
                log.warn("Releasing the database's lock file failed", e);
            }
        }
    }

    /** Which database this is; only meaningful once started. */
    public Dialect dialect() {
        Dialect current = dialect;
        if (current == null) {
            throw new IllegalStateException("The database has not been started");
        }
        return current;
    }

    public Jdbi jdbi() {
        Jdbi current = jdbi;
        if (current == null) {
            throw new IllegalStateException("The database has not been started");
        }
        return current;
    }

    /** Answers whether the database takes a query right now; the message says why not. */
    public String problem() {
        HikariDataSource ds = dataSource;
        if (ds == null || ds.isClosed()) {
            return "database is not running";
        }
        try {
            Integer one = jdbi().withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            return one == 1 ? null : "database answered " + one;
        } catch (RuntimeException e) {
            return "database does not answer: " + e.getMessage();
        }
    }

    static Jdbi configure(Jdbi jdbi, Dialect dialect) {
        jdbi.installPlugin(new SqlObjectPlugin());
        if (dialect == Dialect.POSTGRESQL) {
            jdbi.setTransactionHandler(new SerializableTransactions());
        } else {
            jdbi.setStatementBuilderFactory(new SqliteStatementCache());
        }
        // Queries with optional filters bind every parameter and mention only the ones in use.
        jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
        jdbi.registerArgument(new InstantAsEpochMillis());
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            long millis = rs.getLong(column);
            return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
        });
        return jdbi;
    }

    private static HikariConfig postgresqlPool(PortierConfig config) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("portier-db");
        pool.setDriverClassName("org.postgresql.Driver");
        pool.setJdbcUrl(config.dbUrl());
        config.dbLogin().ifPresent(login -> {
            pool.setUsername(login.user());
            if (login.password() != null) {
                pool.setPassword(login.password());
            }
        });
        pool.setMaximumPoolSize(POSTGRESQL_POOL_SIZE);
        pool.setMinimumIdle(2);
        pool.setConnectionTimeout(BUSY_TIMEOUT_MS + 5_000);
        pool.addDataSourceProperty("ApplicationName", "portier");
        return pool;
    }

    private static HikariConfig sqlitePool(String url) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: a transaction the user saw succeed survives a power cut, not only a crash.
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(BUSY_TIMEOUT_MS);
        // Reads through memory-mapped pages (shared by every connection via the OS page cache) instead of a
        // read call and a copy per page: an access decision touches a few dozen pages of indexes and rows.
        sqlite.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, String.valueOf(MMAP_BYTES));
        // Writers take the lock when the transaction begins, so two writers never deadlock on upgrade.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource sqliteDataSource = new SQLiteDataSource(sqlite);
        sqliteDataSource.setUrl(url);

        HikariConfig pool = new HikariConfig();
        pool.setPoolName("portier-db");
        pool.setDataSource(sqliteDataSource);
        pool.setMaximumPoolSize(8);
        pool.setMinimumIdle(1);
        // Checkpoints are the background checkpointer's job (see start()), never a committing writer's.
        pool.setConnectionInitSql("PRAGMA wal_autocheckpoint=0");
        pool.setConnectionTimeout(BUSY_TIMEOUT_MS + 5_000);
        return pool;
    }

    /** The SQLite database file of a {@code jdbc:sqlite:} URL; null for an in-memory or {@code file:} URL. */
    public static Path sqliteFile(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        int query = rest.indexOf('?');
        String path = query >= 0 ? rest.substring(0, query) : rest;
        if (path.isEmpty() || path.startsWith(":memory:") || path.startsWith("file:")) {
            return null;
        }
        return Path.of(path);
    }

    private static final class InstantAsEpochMillis extends AbstractArgumentFactory<Instant> {
        InstantAsEpochMillis() {
            super(Types.BIGINT);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setLong(position, value.toEpochMilli());
        }
    }
}
