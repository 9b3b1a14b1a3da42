package dev.portier.domain.grants;

import org.jdbi.v3.core.Handle;

/**
 * Takes part in the transaction that creates, changes or revokes a grant, after the grant's row is
 * written: what a higher layer keeps about a grant (e.g. the desired state at a vendor) then commits,
 * or rolls back, with the grant itself. Bound with a Guice multibinder. Called on the caller's thread;
 * must only write its own tables with {@code h} and must not call out of the process. Throwing rolls
 * the grant change back.
 */
public interface GrantChangeParticipant {

    /** @param grant the grant as it is now (revoked ones included) */
    void grantChanged(Handle h, Grant grant);
}
