package dev.portier.plugin.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Capability {@link Capability#KEY_ISSUING}: turns a grant into a key for one device or card on one
 * lock. Called on a host worker; may block. Issuing the same {@code keyId} again answers an
 * equivalent key; withdrawing an unknown key does nothing (both idempotent, since the host retries).
 */
public interface KeyIssuing {

    /** Which holders this driver issues keys to; the host asks only for those. Constant. */
    default Set<HolderKind> holders() {
        return Set.of(HolderKind.DEVICE);
    }

    IssuedKey issue(KeyRequest request);

    /** Called by the host when a key is revoked. Withdrawing an unknown key does nothing. */
    void withdraw(KeyWithdrawal withdrawal);

    /**
     * What to issue. Immutable.
     *
     * @param keyId       the host's id for the key
     * @param lock        the lock the key opens
     * @param holder      the device or card that will hold it, of a kind in {@link #holders()}
     * @param notBefore   first instant the key is valid
     * @param notAfter    first instant the key is no longer valid
     * @param schedule    when in the week it opens; {@code null} = always
     * @param permissions what it allows, at least one
     * @param issuedAt    when the host issues it; locks refuse keys issued before their minimum-issue
     *                    watermark (see {@link RevocationPublishing}), so the key must carry this instant
     */
    record KeyRequest(String keyId, LockRef lock, KeyHolder holder, Instant notBefore, Instant notAfter,
            Schedule schedule, Set<Permission> permissions, Instant issuedAt) {
        public KeyRequest {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(lock, "lock");
            Objects.requireNonNull(holder, "holder");
            Objects.requireNonNull(notBefore, "notBefore");
            Objects.requireNonNull(notAfter, "notAfter");
            Objects.requireNonNull(issuedAt, "issuedAt");
            if (!notAfter.isAfter(notBefore)) {
                throw new IllegalArgumentException("A key must end after it starts: " + notBefore + " – " + notAfter);
            }
            if (permissions == null || permissions.isEmpty()) {
                throw new IllegalArgumentException("A key allows at least one permission");
            }
            permissions = Set.copyOf(permissions);
        }
    }

    /**
     * A revoked key to withdraw. Immutable.
     *
     * @param keyId    the host's id of the revoked key
     * @param lock     the lock it opened
     * @param notAfter when it would have expired (how long a revocation must be remembered)
     */
    record KeyWithdrawal(String keyId, LockRef lock, Instant notAfter) {
        public KeyWithdrawal {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(lock, "lock");
        }
    }

    /** A key in the driver's own format (e.g. COSE_Sign1), ready for delivery. */
    record IssuedKey(String keyId, String format, byte[] credential, Instant notBefore, Instant notAfter) {
    }
}
