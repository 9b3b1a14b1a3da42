package dev.portier.domain.cards;

import dev.portier.domain.people.PersonReferences;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** A person's cards outlive them: deleting the person leaves the cards unassigned. */
public final class CardHolders implements PersonReferences {

    @Override
    public Optional<String> keeps(Handle h, String accountId, String personId) {
        return Optional.empty();
    }

    @Override
    public void release(Handle h, String accountId, String personId) {
        h.createUpdate("UPDATE cards SET person_id = NULL WHERE person_id = :id AND account_id = :accountId")
                .bind("id", personId).bind("accountId", accountId).execute();
    }
}
