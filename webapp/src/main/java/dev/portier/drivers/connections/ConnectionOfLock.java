package dev.portier.drivers.connections;

import dev.portier.domain.locks.LockReferences;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** What drivers reported or published about a lock goes with the lock. */
final class ConnectionOfLock implements LockReferences {

    @Override
    public Optional<String> keeps(Handle h, String lockId) {
        return Optional.empty();
    }

    @Override
    public void release(Handle h, String lockId) {
        LockHealthReports.deleteOfLock(h, lockId);
        PhoneMaterials.deleteOfLock(h, lockId);
    }
}
