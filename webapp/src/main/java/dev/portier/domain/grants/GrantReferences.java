package dev.portier.domain.grants;

import dev.portier.domain.locks.LockReferences;
import dev.portier.domain.people.PersonReferences;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Grants are never deleted, revoked ones included: the lock and the person they name stay with them. */
public final class GrantReferences implements LockReferences, PersonReferences {

    @Override
    public Optional<String> keeps(Handle h, String lockId) {
        return count(h, "lock_id", lockId).map(n -> "has " + n + " grant(s)");
    }

    @Override
    public Optional<String> keeps(Handle h, String accountId, String personId) {
        return count(h, "person_id", personId).map(n -> "has " + n + " grant(s), revoked ones included, which keep the history");
    }

    private static Optional<Integer> count(Handle h, String column, String id) {
        int grants = h.createQuery("SELECT COUNT(*) FROM grants WHERE " + column + " = :id").bind("id", id)
                .mapTo(Integer.class).one();
        return grants == 0 ? Optional.empty() : Optional.of(grants);
    }
}
