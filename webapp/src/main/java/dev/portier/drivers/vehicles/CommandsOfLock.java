package dev.portier.drivers.vehicles;

import dev.portier.domain.locks.LockReferences;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Commands sent are history: a lock that was sent commands stays. */
public final class CommandsOfLock implements LockReferences {

    @Override
    public Optional<String> keeps(Handle h, String lockId) {
        int commands = h.createQuery("SELECT COUNT(*) FROM lock_commands WHERE lock_id = :id").bind("id", lockId)
                .mapTo(Integer.class).one();
        return commands == 0 ? Optional.empty() : Optional.of("has " + commands + " command(s)");
    }
}
