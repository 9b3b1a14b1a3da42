package dev.portier.identity.apitokens;

import dev.portier.identity.accounts.Role;
import java.time.Instant;

/**
 * A bearer credential of one account for the REST API, as Portier keeps it: everything but the
 * secret, of which only a hash is stored. {@code secretHint} is the secret's first characters, so
 * people can tell their tokens apart. {@code lastUsedAt} is precise to about a minute.
 */
public record ApiToken(String id, String accountId, String name, Role role, String secretHint, String createdByUserId,
        String createdBy, Instant createdAt, Instant lastUsedAt, Instant revokedAt, String revokedBy) {

    public boolean isRevoked() {
        return revokedAt != null;
    }

    /** "Active" or "Revoked", for people. */
    public String stateLabel() {
        return isRevoked() ? "Revoked" : "Active";
    }
}
