package dev.portier.platform.db;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Work that several service calls do as one: {@link #inOneTransaction} runs them in one transaction (the services'
 * own {@code jdbi.inTransaction} calls join it, as Jdbi reuses the thread's open handle), and {@link #rehearse} runs
 * them in a transaction that is rolled back. What a service does after its commit — telling listeners that start
 * background work at vendors — goes through {@link #run}: at once outside such a scope, after the outer commit inside
 * {@link #inOneTransaction}, and never in a rehearsal, so nothing of a rolled-back change leaves the database.
 * Scopes are per thread.
 */
public final class AfterCommit {

    private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();

    private AfterCommit() {
    }

    private record Scope(boolean rehearsal, List<Runnable> notices) {
    }

    /** Runs {@code notice} now, after the outer transaction of this thread commits, or not at all in a rehearsal. */
    public static void run(Runnable notice) {
        Scope scope = SCOPE.get();
        if (scope == null) {
            notice.run();
        } else if (!scope.rehearsal()) {
            scope.notices().add(notice);
        }
    }

    /** Whether this thread is inside {@link #rehearse}. */
    public static boolean rehearsing() {
        Scope scope = SCOPE.get();
        return scope != null && scope.rehearsal();
    }

    /** Runs {@code work} in one transaction of {@code jdbi}, then the notices its service calls deferred. */
    public static <R> R inOneTransaction(Jdbi jdbi, Supplier<R> work) {
        if (SCOPE.get() != null) {
            return jdbi.inTransaction(h -> work.get());
        }
        Scope scope = new Scope(false, new ArrayList<>());
        SCOPE.set(scope);
        R result;
        try {
            result = jdbi.inTransaction(h -> {
                scope.notices().clear(); // a retried transaction starts over
                return work.get();
            });
        } finally {
            SCOPE.remove();
        }
        scope.notices().forEach(Runnable::run);
        return result;
    }

    /**
     * Runs {@code work} in a transaction of {@code jdbi} that is then rolled back, and returns its result: what the
     * change would do, computed by the code that does it. Notices are dropped.
     */
    public static <R> R rehearse(Jdbi jdbi, Supplier<R> work) {
        if (SCOPE.get() != null) {
            throw new IllegalStateException("A rehearsal cannot run inside another transaction scope");
        }
        SCOPE.set(new Scope(true, new ArrayList<>()));
        try {
            jdbi.inTransaction(h -> {
                throw new RolledBack(work.get());
            });
            throw new IllegalStateException("unreachable");
        } catch (RolledBack done) {
            @SuppressWarnings("unchecked")
            R result = (R) done.result;
            return result;
        } finally {
            SCOPE.remove();
        }
    }

    /** Carries the rehearsal's result out of the transaction it rolls back. */
    private static final class RolledBack extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Object result;

        RolledBack(Object result) {
            super(null, null, false, false);
            this.result = result;
        }
    }
}
