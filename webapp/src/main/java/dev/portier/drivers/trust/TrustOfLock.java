package dev.portier.drivers.trust;

import dev.portier.domain.locks.LockReferences;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * A lock's identity and revocation list go with it; its keys exist only with grants, which keep the
 * lock (see the grants' references), so nothing else of the trust service can refer to it then.
 */
final class TrustOfLock implements LockReferences {

    @Override
    public Optional<String> keeps(Handle h, String lockId) {
        return Optional.empty();
    }

    @Override
    public void release(Handle h, String lockId) {
        h.createUpdate("DELETE FROM revocation_lists WHERE lock_id = :id").bind("id", lockId).execute();
        h.createUpdate("DELETE FROM enrolment_material WHERE lock_id = :id").bind("id", lockId).execute();
        h.createUpdate("DELETE FROM lock_enrolments WHERE lock_id = :id").bind("id", lockId).execute();
        h.createUpdate("DELETE FROM enrolment_attempts WHERE lock_id = :id").bind("id", lockId).execute();
        h.createUpdate("DELETE FROM material_deliveries WHERE lock_id = :id").bind("id", lockId).execute();
    }
}
