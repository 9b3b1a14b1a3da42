package dev.portier.drivers.discovery;

import dev.portier.domain.locks.LockReferences;
import com.google.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** A deleted lock is remembered as deleted, so that discovery does not import it again while the vendor still lists it. */
final class DiscoveredLockReferences implements LockReferences {

    private final Clock clock;

    @Inject
    DiscoveredLockReferences(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<String> keeps(Handle h, String lockId) {
        return Optional.empty();
    }

    @Override
    public void release(Handle h, String lockId) {
        h.createUpdate("UPDATE discovered_locks SET deleted_at = :now WHERE lock_id = :id")
                .bind("now", clock.millis()).bind("id", lockId).execute();
    }
}
