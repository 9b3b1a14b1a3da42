package dev.portier.drivers.trust;

import com.google.common.util.concurrent.Striped;
import com.google.inject.Singleton;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.function.Supplier;

/**
 * Serialises key issuing and list publishing per account in this process, so two requests never issue
 * the same key twice or hand out one list version for two different lists. Re-entrant. On-demand keys
 * share the account ({@link #shared}): each is one key the caller already decided on, and many may be
 * issued and committed together (group commit); a reconciling pass or a list takes the account alone
 * ({@link #with}), so it starts only once every on-demand key begun before it is committed, and it sees them.
 */
@Singleton
final class AccountLocks {

    private final Striped<ReadWriteLock> stripes = Striped.readWriteLock(64);

    <T> T with(String accountId, Supplier<T> work) {
        return under(stripes.get(accountId).writeLock(), work);
    }

    /** Beside other shared work of the account, never beside {@link #with}; inside {@link #with} too. */
    <T> T shared(String accountId, Supplier<T> work) {
        return under(stripes.get(accountId).readLock(), work);
    }

    private static <T> T under(Lock lock, Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
