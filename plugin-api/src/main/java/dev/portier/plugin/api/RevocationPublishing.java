package dev.portier.plugin.api;

import java.time.Instant;
import java.util.List;

/**
 * Capability {@link Capability#REVOCATION_LISTS}: builds a lock's signed list of revoked keys that
 * have not expired yet, for phones to carry to offline locks. Pure computation plus signing; may be
 * called often.
 */
public interface RevocationPublishing {

    /**
     * @param lock         the lock the list is for
     * @param version      grows with every change; a lock keeps the highest version it has seen
     * @param minIssuedAt  the lock's minimum-issue watermark: keys issued before it are revoked implicitly
     *                     (the host moves it forward when the list would overflow); {@code null} for none
     * @param revoked      revoked keys that have not expired yet
     */
    SignedRevocationList publish(LockRef lock, long version, Instant minIssuedAt, List<RevokedKey> revoked);

    /**
     * How many entries a list for this lock may hold (the lock's memory). When more keys are revoked and not
     * yet expired, the host moves the lock's minimum-issue watermark forward and re-issues the keys still valid.
     */
    default int capacity(LockRef lock) {
        return 1000;
    }

    /** A revoked key phones must refuse until it would have expired. Immutable. */
    record RevokedKey(String keyId, Instant expiresAt) {
    }

    /** The list in the driver's format, with its version for locks to report back. */
    record SignedRevocationList(long version, byte[] payload) {
    }
}
