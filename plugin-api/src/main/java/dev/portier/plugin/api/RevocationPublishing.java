package dev.portier.plugin.api;

import java.time.Instant;
import java.util.List;

/**
 * Capability {@link Capability#REVOCATION_LISTS}: builds a lock's signed list of revoked keys that
 * have not expired yet, for phones to carry to offline locks. Pure computation plus signing; may be
 * called often.
 */
public interface RevocationPublishing {

    SignedRevocationList publish(LockRef lock, long version, List<RevokedKey> revoked);

    record RevokedKey(String keyId, Instant expiresAt) {
    }

    /** The list in the driver's format, with its version for locks to report back. */
    record SignedRevocationList(long version, byte[] payload) {
    }
}
