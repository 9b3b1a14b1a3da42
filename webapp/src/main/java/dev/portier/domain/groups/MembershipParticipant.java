package dev.portier.domain.groups;

import org.jdbi.v3.core.Handle;

/**
 * Takes part in the transaction that changes a group's members, after the member rows are written: what
 * a higher package keeps per member (the member grants of group grants) commits or rolls back with the
 * membership. Bound with a Guice multibinder; must only write its own tables with {@code h} and must not
 * call out of the process. Throwing rolls the membership change back.
 */
public interface MembershipParticipant {

    /** @return what to do once the change has committed (e.g. tell listeners), or a no-op */
    Runnable membershipChanged(Handle h, MembershipChange change);

    /** Why the group must stay when it is to be deleted (a sentence), or empty when this participant lets it go. */
    default java.util.Optional<String> keeps(Handle h, String accountId, GroupKind kind, String groupId) {
        return java.util.Optional.empty();
    }
}
