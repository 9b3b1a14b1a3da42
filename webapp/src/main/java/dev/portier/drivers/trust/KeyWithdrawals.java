package dev.portier.drivers.trust;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockService;
import dev.portier.drivers.connections.ConnectionRuntime;
import dev.portier.drivers.plugins.DriverCallResult;
import dev.portier.drivers.plugins.SpiValues;
import dev.portier.platform.db.Database;
import dev.portier.plugin.api.KeyIssuing;
import dev.portier.plugin.api.KeyIssuing.KeyWithdrawal;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells each revoked key's driver (KeyIssuing.withdraw) once the revocation is committed: a driver
 * that keeps anything of a key (a cloud copy, an encoded card) lets go of it. The revocation list
 * already carries it, so a driver that fails here is logged, not retried. Phone and card keys alike.
 */
@Singleton
final class KeyWithdrawals {

    private static final Logger log = LoggerFactory.getLogger(KeyWithdrawals.class);

    private final Database database;
    private final ConnectionRuntime runtime;

    @Inject
    KeyWithdrawals(Database database, ConnectionRuntime runtime) {
        this.database = database;
        this.runtime = runtime;
    }

    void withdraw(String accountId, List<KeyPlan.Held> revoked) {
        for (KeyPlan.Held key : revoked) {
            Optional<Lock> lock = database.jdbi().withHandle(h -> LockService.findIfAny(h, accountId, key.lockId()));
            if (lock.isEmpty() || lock.get().connectionId() == null) {
                continue;
            }
            KeyWithdrawal withdrawal = new KeyWithdrawal(key.id(), SpiValues.lockRef(lock.get()), key.notAfter());
            DriverCallResult<Object> done = runtime.callCapability(lock.get().connectionId(), KeyIssuing.class, "withdraw key",
                    driver -> {
                        driver.withdraw(withdrawal);
                        return null;
                    });
            if (done instanceof DriverCallResult.Failed<Object> failed) {
                log.warn("The driver did not withdraw revoked key {}: {}", key.id(), failed.message());
            }
        }
    }
}
