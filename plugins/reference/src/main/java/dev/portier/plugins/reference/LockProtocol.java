package dev.portier.plugins.reference;

import java.time.Instant;
import java.util.Map;

/**
 * The messages and answers of the lock ⇄ phone protocol (see the plugin's README):
 * <ol>
 *   <li>phone → lock: hello with a 16-byte phone nonce;</li>
 *   <li>lock → phone: a {@link Challenge} signed with the lock's identity key over
 *       "portier-lock-v1" ‖ lockId ‖ phoneNonce ‖ lockNonce;</li>
 *   <li>the phone checks that signature against the lock's public key from Portier (or refuses: fake lock);</li>
 *   <li>phone → lock: a {@link Presentation} with the credential, the device signature over
 *       "portier-device-v1" ‖ lockId ‖ lockNonce ‖ phoneNonce, its newest revocation list, the permission asked;</li>
 *   <li>lock → phone: an {@link Answer}: the verdict and the log entry it appended.</li>
 * </ol>
 * A card has no key of its own to prove: the lock reads the card's serial and the credential stored on
 * it ({@link CardPresentation}) and demands that the credential names that serial.
 */
public final class LockProtocol {

    /** Signed by the lock: proves its identity to the phone. */
    public static final String LOCK_LABEL = "portier-lock-v1";
    /** Signed by the phone's device key: proves it holds the key the credential is bound to. */
    public static final String DEVICE_LABEL = "portier-device-v1";
    public static final int NONCE_LENGTH = 16;

    private LockProtocol() {
    }

    /**
     * Why a lock refused. {@link #NOT_HOLDER}: the phone could not prove the credential's device key, the
     * tapped card's serial is not the one the credential names, or a phone key came on a card (or the reverse).
     */
    public enum Reason {
        BAD_SIGNATURE, WRONG_LOCK, NOT_HOLDER, NOT_YET_VALID, EXPIRED, REVOKED, OUTSIDE_SCHEDULE, MISSING_PERMISSION
    }

    /** Step 2: the lock's answer to hello. */
    public record Challenge(String lockId, byte[] lockNonce, byte[] signature) {
    }

    /**
     * Step 4: what the phone shows the lock.
     *
     * @param revocationList the newest signed list the phone holds for this lock, or {@code null}
     */
    public record Presentation(byte[] credential, byte[] deviceSignature, byte[] revocationList, String permission) {
    }

    /**
     * A card at the lock: the serial the reader read from the card, the credential stored on the card and
     * the permission asked. Cards carry no revocation lists; the lock uses the list a phone last brought.
     */
    public record CardPresentation(String serial, byte[] credential, String permission) {
    }

    /** The lock's decision: it opens, or it refuses for {@code reason}. */
    public record Verdict(boolean opens, Reason reason) {
        public static Verdict open() {
            return new Verdict(true, null);
        }

        public static Verdict refused(Reason reason) {
            return new Verdict(false, reason);
        }

        @Override
        public String toString() {
            return opens ? "OPEN" : "REFUSED (" + reason + ")";
        }
    }

    /**
     * One entry of a lock's log, numbered 1, 2, 3 … per lock, stamped with the lock's own clock.
     *
     * @param type    "UNLOCKED" or "ACCESS_DENIED"
     * @param details keyId (when the credential could be read), card (the serial, for a card tap), permission,
     *                reason (when refused)
     */
    public record LogEntry(long entryNumber, Instant occurredAt, String type, Map<String, String> details) {
        public LogEntry {
            details = Map.copyOf(details);
        }
    }

    /** Step 5: the verdict, the entry the lock logged, and the list version the lock holds afterwards. */
    public record Answer(Verdict verdict, LogEntry entry, long listVersion) {
    }
}
