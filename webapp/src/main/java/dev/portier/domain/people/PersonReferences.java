package dev.portier.domain.people;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * What another package keeps about a person, asked when the person is to be deleted: each owner of
 * rows that refer to a person either keeps the person (history: grants, bookings) or releases its rows
 * in the deleting transaction (cards become unassigned). Bound with a Guice multibinder by each owner.
 */
public interface PersonReferences {

    /** Why the person must stay (a sentence naming what refers to them), or empty when this owner lets them go. */
    Optional<String> keeps(Handle h, String accountId, String personId);

    /** Removes or detaches this owner's rows of the person; called only once no owner keeps them. */
    default void release(Handle h, String accountId, String personId) {
    }
}
