package dev.portier.domain.events;

import dev.portier.domain.locks.LockReferences;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** A lock's log is history: a lock with logged events stays. */
public final class LogOfLock implements LockReferences {

    @Override
    public Optional<String> keeps(Handle h, String lockId) {
        boolean logged = h.createQuery("SELECT 1 FROM lock_events WHERE lock_id = :id LIMIT 1").bind("id", lockId)
                .mapTo(Integer.class).findOne().isPresent();
        return logged ? Optional.of("has logged events") : Optional.empty();
    }
}
