package dev.portier.drivers.trust;

import com.google.common.util.concurrent.Striped;
import com.google.inject.Singleton;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * Serialises key issuing and list publishing per account in this process, so two requests never issue
 * the same key twice or hand out one list version for two different lists. Re-entrant.
 */
@Singleton
final class AccountLocks {

    private final Striped<Lock> stripes = Striped.lock(64);

    <T> T with(String accountId, Supplier<T> work) {
        Lock lock = stripes.get(accountId);
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
