package dev.portier.access.whatif;

import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantChangeParticipant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * Notes, while a what-if runs on this thread, every grant the change creates, changes or revokes (as it is after the
 * change); writes nothing. A participant sees every grant change of the transaction, whichever service makes it.
 */
final class ChangedGrants implements GrantChangeParticipant {

    private static final ThreadLocal<Map<String, Grant>> NOTED = new ThreadLocal<>();

    @Override
    public void grantChanged(Handle h, Grant grant) {
        Map<String, Grant> noted = NOTED.get();
        if (noted != null) {
            noted.put(grant.id(), grant);
        }
    }

    /** Runs {@code change} and returns the grants it touched, by id, in the order first touched. */
    static Map<String, Grant> during(Supplier<?> change) {
        Map<String, Grant> noted = new LinkedHashMap<>();
        Map<String, Grant> outer = NOTED.get();
        NOTED.set(noted);
        try {
            change.get();
        } finally {
            NOTED.set(outer);
        }
        return noted;
    }
}
