package dev.portier.drivers.vehicles;

import dev.portier.domain.locks.LockReferences;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** A vehicle's settings go with it: they keep nothing. */
final class SettingsOfLock implements LockReferences {

    @Override
    public Optional<String> keeps(Handle h, String lockId) {
        return Optional.empty();
    }

    @Override
    public void release(Handle h, String lockId) {
        h.createUpdate("DELETE FROM vehicle_settings WHERE lock_id = :id").bind("id", lockId).execute();
    }
}
