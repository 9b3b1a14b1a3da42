package dev.portier.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;
import org.sqlite.SQLiteConnection;
import org.sqlite.core.CoreStatement;
import org.sqlite.core.DB;

/**
 * Keeps SQLite's prepared statements per pooled connection, so a query Portier runs again (every
 * access decision, check-access, key issue) does not compile its SQL again: SQLite's
 * {@code sqlite3_prepare} was about 40% of an access decision's time in the bench profile (JFR). A
 * statement is taken out of its connection's cache while in use and put back reset (its read
 * snapshot released) and without bindings when Jdbi closes it, so two uses of the same SQL at once
 * get two statements and a statement never outlives the end of its query's snapshot. At most
 * {@value #PER_CONNECTION} statements per connection, least recently used closed first; a connection
 * the pool closed is forgotten with its statements. Statements asking for generated keys or
 * updatable results are not cached. PostgreSQL's driver caches its own server-side statements.
 */
final class SqliteStatementCache implements StatementBuilderFactory {

    static final int PER_CONNECTION = 200;

    private final Map<SQLiteConnection, Cache> caches = new ConcurrentHashMap<>();

    @Override
    public StatementBuilder createStatementBuilder(Connection connection) {
        SQLiteConnection physical;
        try {
            physical = connection.unwrap(SQLiteConnection.class);
        } catch (SQLException e) {
            return new DefaultStatementBuilder();
        }
        Cache cache = caches.get(physical);
        if (cache == null) {
            caches.keySet().removeIf(SqliteStatementCache::closed);
            cache = caches.computeIfAbsent(physical, Cache::new);
        }
        return cache;
    }

    private static boolean closed(SQLiteConnection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** How many statements are kept for all connections (for tests). */
    int size() {
        return caches.values().stream().mapToInt(Cache::size).sum();
    }

    /** One connection's statements; used by one thread at a time (the pool hands a connection to one). */
    private static final class Cache extends DefaultStatementBuilder {

        private final SQLiteConnection connection;
        private final LinkedHashMap<String, PreparedStatement> idle = new LinkedHashMap<>(64, 0.75f, true);
        /** Statements handed out, by the SQL they were prepared from (Jdbi closes them naming its unparsed SQL). */
        private final Map<Statement, String> inUse = new IdentityHashMap<>();

        Cache(SQLiteConnection connection) {
            this.connection = connection;
        }

        synchronized int size() {
            return idle.size();
        }

        @Override
        public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
            if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) {
                return super.create(conn, sql, ctx);
            }
            PreparedStatement kept;
            synchronized (this) {
                kept = idle.remove(sql);
            }
            if (kept == null || kept.isClosed()) {
                // On the pool's physical connection: the pool's wrapper would close it when the connection goes back.
                kept = connection.prepareStatement(sql);
            }
            synchronized (this) {
                inUse.put(kept, sql);
            }
            return kept;
        }

        @Override
        public void close(Connection conn, String sql, Statement statement) throws SQLException {
            String prepared;
            synchronized (this) {
                prepared = inUse.remove(statement);
            }
            if (prepared == null || statement.isClosed() || connection.isClosed()) {
                super.close(conn, sql, statement);
                return;
            }
            PreparedStatement kept = (PreparedStatement) statement;
            try {
                // Ends its read (the snapshot of a query not read to the end) and forgets its bindings.
                CoreStatement core = (CoreStatement) kept;
                if (!core.pointer.isClosed()) {
                    core.pointer.safeRunInt(DB::reset);
                }
                kept.clearParameters();
            } catch (SQLException | RuntimeException e) {
                closeQuietly(kept);
                throw e;
            }
            List<PreparedStatement> evicted = new ArrayList<>();
            synchronized (this) {
                PreparedStatement other = idle.put(prepared, kept);
                if (other != null) {
                    evicted.add(other);
                }
                var oldest = idle.entrySet().iterator();
                while (idle.size() > PER_CONNECTION && oldest.hasNext()) {
                    evicted.add(oldest.next().getValue());
                    oldest.remove();
                }
            }
            for (PreparedStatement gone : evicted) {
                closeQuietly(gone);
            }
        }

        private static void closeQuietly(Statement statement) {
            try {
                statement.close();
            } catch (SQLException e) {
                // a statement of a closed connection: nothing left to free
            }
        }
    }
}
