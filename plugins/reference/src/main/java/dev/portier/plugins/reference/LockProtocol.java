package dev.portier.plugins.reference;

import dev.portier.plugins.reference.internal.Cbor;
import dev.portier.plugins.reference.internal.CoseSign1;
import dev.portier.plugins.reference.internal.PayloadFields;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The messages and answers of the lock ⇄ phone protocol (see the plugin's README). It is a mutual
 * authentication in which no secret and no credential crosses the air in clear:
 * <ol>
 *   <li>phone → lock: {@link Hello}, a 16-byte phone nonce and a fresh X25519 key;</li>
 *   <li>lock → phone: a {@link Challenge}: its nonce and its own fresh X25519 key, signed with the lock's
 *       identity key over "portier-lock-v2" ‖ lockId ‖ phoneNonce ‖ lockNonce ‖ phone key ‖ lock key;</li>
 *   <li>the phone checks that signature against the lock's public key from Portier (or refuses: fake lock);
 *       both sides derive a session key from the two X25519 keys;</li>
 *   <li>phone → lock: a {@link Presentation}: the credential sealed with the session key (only this lock
 *       reads it), the device signature over "portier-device-v2" ‖ lockId ‖ lockNonce ‖ phoneNonce ‖
 *       SHA-256(sealed credential) ‖ user-verified byte (proof of the device key, which never leaves the
 *       phone), whether the phone verified its user, its newest revocation list, the permission asked;</li>
 *   <li>lock → phone: an {@link Answer}: the verdict, the log entry it appended and a confirmation of the
 *       list version it holds, both signed with its identity key for Portier to check.</li>
 * </ol>
 * A card has no key of its own to prove: the lock reads the card's serial and the credential stored on
 * it ({@link CardPresentation}) and demands that the credential names that serial.
 */
public final class LockProtocol {

    /** Signed by the lock: proves its identity and its session key to the phone. */
    public static final String LOCK_LABEL = "portier-lock-v2";
    /** Signed by the phone's device key: proves it holds the key the credential is bound to. */
    public static final String DEVICE_LABEL = "portier-device-v2";
    public static final int NONCE_LENGTH = 16;

    private LockProtocol() {
    }

    /**
     * Why a lock refused. {@link #NOT_HOLDER}: the phone could not prove the credential's device key, the
     * tapped card's serial is not the one the credential names, or a phone key came on a card (or the reverse).
     * {@link #USER_VERIFICATION_REQUIRED}: the key demands that the phone verify its user, and it did not.
     */
    public enum Reason {
        BAD_SIGNATURE, WRONG_LOCK, NOT_HOLDER, USER_VERIFICATION_REQUIRED, NOT_YET_VALID, EXPIRED, REVOKED, OUTSIDE_SCHEDULE,
        MISSING_PERMISSION
    }

    /** Step 1: the phone's nonce and its ephemeral X25519 public key. */
    public record Hello(byte[] phoneNonce, byte[] phoneKey) {
    }

    /** Step 2: the lock's answer to hello, its ephemeral X25519 public key signed together with both nonces. */
    public record Challenge(String lockId, byte[] lockNonce, byte[] lockKey, byte[] signature) {
    }

    /**
     * Step 4: what the phone shows the lock.
     *
     * @param sealedCredential the credential, AES-128-GCM under the session key: readable by the genuine lock only
     * @param deviceSignature  the device key's signature over the transcript (see the class comment)
     * @param userVerified     whether the phone verified its user (PIN, fingerprint) for this use; signed with it
     * @param revocationList   the newest signed list the phone holds for this lock, or {@code null}
     */
    public record Presentation(byte[] sealedCredential, byte[] deviceSignature, boolean userVerified, byte[] revocationList,
            String permission) {
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
     * One entry of a lock's log, numbered 1, 2, 3 … per lock, stamped with the lock's own clock, and signed by
     * the lock's identity key so that Portier accepts it from whichever phone carries it, and no phone can forge one.
     *
     * @param type    "UNLOCKED" or "ACCESS_DENIED"
     * @param details keyId (when the credential could be read), card (the serial, for a card tap), permission,
     *                reason (when refused)
     * @param signed  the lock's COSE_Sign1 of {@link #payload(String)}, which is what Portier reads
     */
    public record LogEntry(long entryNumber, Instant occurredAt, String type, Map<String, String> details, byte[] signed) {
        public LogEntry {
            details = Map.copyOf(details);
        }

        /** The signed payload: {"typ": "log", "lock", "n", "t" (epoch milliseconds), "type", "det": {details}}. */
        public byte[] payload(String lockId) {
            return logPayload(lockId, entryNumber, occurredAt, type, details);
        }

        /** What a signed entry says, without checking its signature. */
        public static LogEntry read(byte[] signed) {
            PayloadFields fields = new PayloadFields(CoseSign1.decode(signed).payload(), "Log entry");
            Map<String, String> details = new TreeMap<>();
            fields.node("det").properties().forEach(e -> details.put(e.getKey(), e.getValue().asText()));
            return new LogEntry(fields.number("n"), Instant.ofEpochMilli(fields.number("t")), fields.text("type"), details, signed);
        }
    }

    static byte[] logPayload(String lockId, long entryNumber, Instant occurredAt, String type, Map<String, String> details) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("typ", "log");
        map.put("lock", lockId);
        map.put("n", entryNumber);
        map.put("t", occurredAt.toEpochMilli());
        map.put("type", type);
        map.put("det", new TreeMap<String, Object>(details));
        return Cbor.map(map);
    }

    /** The payload of a list confirmation: {"typ": "list", "lock", "ver"}. */
    static byte[] confirmationPayload(String lockId, long version) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("typ", "list");
        map.put("lock", lockId);
        map.put("ver", version);
        return Cbor.map(map);
    }

    /** The list version a lock's signed confirmation states, without checking its signature. */
    public static long confirmedVersion(byte[] confirmation) {
        return new PayloadFields(CoseSign1.decode(confirmation).payload(), "List confirmation").number("ver");
    }

    /**
     * Step 5: the verdict, the entry the lock logged, the list version the lock holds afterwards, and the
     * lock's signed confirmation of that version ({@code null} while it holds none).
     */
    public record Answer(Verdict verdict, LogEntry entry, long listVersion, byte[] listConfirmation) {
    }
}
