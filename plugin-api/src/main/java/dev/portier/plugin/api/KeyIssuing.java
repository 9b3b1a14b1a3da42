package dev.portier.plugin.api;

import java.time.Instant;
import java.util.Set;

/**
 * Capability {@link Capability#KEY_ISSUING}: turns a grant into a key for one device or card on one
 * lock. Called on a host worker; may block. Issuing the same {@code keyId} again answers an
 * equivalent key; withdrawing an unknown key does nothing (both idempotent).
 */
public interface KeyIssuing {

    IssuedKey issue(KeyRequest request);

    void withdraw(String keyId);

    /**
     * @param keyId         the host's id for the key
     * @param lock          the lock the key opens
     * @param holderKey     the device's public key (raw Ed25519), or {@code null} for a card
     * @param cardSerial    the card's serial, or {@code null} for a device
     * @param notBefore     first instant the key is valid
     * @param notAfter      first instant the key is no longer valid
     * @param schedule      weekly windows in the lock's local time ("MO-FR 07:00-12:00"), or {@code null}
     * @param permissions   "UNLOCK", "LOCK", "IGNITION"
     * @param issuedAt      when the host issues it; locks refuse keys issued before their minimum-issue watermark
     *                      (see {@link RevocationPublishing}), so the key must carry this instant
     */
    record KeyRequest(String keyId, LockRef lock, byte[] holderKey, String cardSerial, Instant notBefore, Instant notAfter,
            String schedule, Set<String> permissions, Instant issuedAt) {
        public KeyRequest {
            permissions = Set.copyOf(permissions);
        }
    }

    /** A key in the driver's own format (e.g. COSE_Sign1), ready for delivery. */
    record IssuedKey(String keyId, String format, byte[] credential, Instant notBefore, Instant notAfter) {
    }
}
