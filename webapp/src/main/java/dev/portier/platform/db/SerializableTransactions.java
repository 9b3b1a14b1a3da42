package dev.portier.platform.db;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.LocalTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * PostgreSQL's transactions as Portier's code expects them from SQLite, where writers take turns:
 * every explicit transaction runs SERIALIZABLE, so a check and the write it guards (a reservation's
 * free slot, the last owner, a unique name) cannot interleave with another instance's, and a
 * transaction PostgreSQL aborts as a serialization failure or deadlock is run again from the start,
 * a few times, after a short random pause. Statements outside a transaction keep READ COMMITTED.
 */
final class SerializableTransactions extends DelegatingTransactionHandler {

    /** serialization_failure, deadlock_detected. */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01");
    static final int MAX_ATTEMPTS = 10;

    SerializableTransactions() {
        super(new LocalTransactionHandler());
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        return inTransaction(handle, TransactionIsolationLevel.SERIALIZABLE, callback);
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level, HandleCallback<R, X> callback)
            throws X {
        if (handle.isInTransaction()) {
            return getDelegate().inTransaction(handle, level, callback);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return getDelegate().inTransaction(handle, level, callback);
            } catch (RuntimeException e) {
                if (attempt >= MAX_ATTEMPTS || !retryable(e)) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    static boolean retryable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && RETRYABLE.contains(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a transaction", e);
        }
    }
}
