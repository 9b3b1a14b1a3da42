package dev.portier.domain.grants;

/**
 * Told after a grant was created, changed or revoked (after the commit), e.g. so that keys follow.
 * Bound with a Guice multibinder; must not throw and should not take long.
 */
public interface GrantListener {

    void grantChanged(String accountId, String grantId);
}
