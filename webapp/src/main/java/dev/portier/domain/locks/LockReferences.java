package dev.portier.domain.locks;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * What another package keeps about a lock, asked when the lock is to be deleted. The lock's owner
 * knows no other table: each owner of rows that refer to a lock says, in the deleting transaction,
 * whether they keep the lock (history that must survive: grants, logged events, bookings) or lets it
 * go and releases its rows. Bound with a Guice multibinder by each owning package.
 */
public interface LockReferences {

    /** Why the lock must stay (a sentence naming what refers to it), or empty when this owner lets it go. */
    Optional<String> keeps(Handle h, String lockId);

    /** Removes this owner's rows of the lock; called only once no owner keeps it. */
    default void release(Handle h, String lockId) {
    }
}
