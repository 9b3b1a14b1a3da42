package dev.portier.drivers.trust;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.domain.grants.GrantListener;

/** Issues, re-issues or revokes a grant's keys right after the grant changed; a revocation reaches the lists at once. */
@Singleton
final class KeysFollowGrants implements GrantListener {

    private final KeyIssuer keys;

    @Inject
    KeysFollowGrants(KeyIssuer keys) {
        this.keys = keys;
    }

    @Override
    public void grantChanged(String accountId, String grantId) {
        keys.reconcileGrantQuietly(accountId, grantId);
    }
}
