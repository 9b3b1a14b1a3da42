package dev.portier.domain.groups;

import dev.portier.domain.locks.LockReferences;
import dev.portier.domain.people.PersonReferences;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Group memberships never keep a person or lock from being deleted: they leave their groups with them. */
public final class GroupMemberships implements PersonReferences, LockReferences {

    @Override
    public Optional<String> keeps(Handle h, String accountId, String personId) {
        return Optional.empty();
    }

    @Override
    public void release(Handle h, String accountId, String personId) {
        h.createUpdate("DELETE FROM people_group_members WHERE person_id = :id AND account_id = :accountId")
                .bind("id", personId).bind("accountId", accountId).execute();
    }

    @Override
    public Optional<String> keeps(Handle h, String lockId) {
        return Optional.empty();
    }

    @Override
    public void release(Handle h, String lockId) {
        h.createUpdate("DELETE FROM lock_group_members WHERE lock_id = :id").bind("id", lockId).execute();
    }
}
