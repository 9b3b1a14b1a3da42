package dev.portier.plugins.reference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portier.plugins.reference.internal.Cbor;
import dev.portier.plugins.reference.internal.CoseSign1;
import dev.portier.plugins.reference.internal.PayloadFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The payload of a reference key (a COSE_Sign1 signed with the account's issuing key): which key,
 * for which lock, bound to which holder, valid when, with which permissions. Text keys "kid",
 * "lock", "hk" (a phone's key) or "card" (a card's serial) — exactly one of them —, "nbf"/"exp" (epoch
 * seconds), "iat" (epoch millis), "perm" (sorted), "sch" (optional), "tz".
 *
 * @param keyId       the host's key id
 * @param lockId      the lock it opens
 * @param holderKey   a phone key: the device's raw Ed25519 public key, whose private key the lock demands
 *                    proof of; {@code null} for a card key
 * @param cardSerial  a card key: the serial of the card it is bound to ({@link #normalSerial normalised});
 *                    {@code null} for a phone key
 * @param notBefore   first second of validity
 * @param notAfter    first second no longer valid
 * @param issuedAt    when the host issued it (compared with the lock's minimum-issue watermark)
 * @param permissions e.g. "UNLOCK"
 * @param schedule    weekly windows in {@link WeeklyWindows} text form, or {@code null} for always
 * @param timeZone    the IANA zone in which the schedule is read (the lock's)
 */
public record ReferenceCredential(String keyId, String lockId, byte[] holderKey, String cardSerial, Instant notBefore,
        Instant notAfter, Instant issuedAt, List<String> permissions, String schedule, String timeZone) {

    public ReferenceCredential {
        permissions = permissions.stream().sorted().distinct().toList();
        if ((holderKey == null) == (cardSerial == null)) {
            throw new IllegalArgumentException("A credential is bound to a device key or to a card serial, exactly one");
        }
        cardSerial = cardSerial == null ? null : normalSerial(cardSerial);
    }

    /** A phone key, bound to the device's raw Ed25519 public key {@code holderKey}. */
    public ReferenceCredential(String keyId, String lockId, byte[] holderKey, Instant notBefore, Instant notAfter,
            Instant issuedAt, List<String> permissions, String schedule, String timeZone) {
        this(keyId, lockId, holderKey, null, notBefore, notAfter, issuedAt, permissions, schedule, timeZone);
    }

    /**
     * A card serial as keys carry it and locks compare it: without surrounding blanks, upper case
     * (readers print a card's UID in either case).
     */
    public static String normalSerial(String serial) {
        String normal = serial.strip().toUpperCase(Locale.ROOT);
        if (normal.isEmpty()) {
            throw new IllegalArgumentException("A card serial is not blank");
        }
        return normal;
    }

    /** Whether this is a card key (bound to {@link #cardSerial}) rather than a phone key. */
    public boolean forCard() {
        return cardSerial != null;
    }

    /** The CBOR payload map, deterministic for equal values. */
    public byte[] payload() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kid", keyId);
        map.put("lock", lockId);
        map.put("hk", holderKey);
        map.put("card", cardSerial);
        map.put("nbf", notBefore.getEpochSecond());
        map.put("exp", notAfter.getEpochSecond());
        map.put("iat", issuedAt.toEpochMilli());
        map.put("perm", new ArrayList<Object>(permissions));
        map.put("sch", schedule);
        map.put("tz", timeZone);
        return Cbor.textMap(map);
    }

    /** Reads a payload map; a missing or mistyped field is an {@link IllegalArgumentException}. */
    public static ReferenceCredential fromPayload(byte[] payload) {
        PayloadFields fields = new PayloadFields(payload, "Credential");
        List<String> permissions = new ArrayList<>();
        for (JsonNode permission : fields.array("perm")) {
            if (!permission.isTextual()) {
                throw new IllegalArgumentException("Credential permission is not text");
            }
            permissions.add(permission.textValue());
        }
        byte[] holderKey = fields.optionalBytes("hk");
        String cardSerial = fields.optionalText("card");
        if ((holderKey == null) == (cardSerial == null)) {
            throw new IllegalArgumentException("Credential names neither hk nor card, or both");
        }
        return new ReferenceCredential(fields.text("kid"), fields.text("lock"), holderKey, cardSerial, fields.seconds("nbf"),
                fields.seconds("exp"), fields.millis("iat"), permissions, fields.optionalText("sch"), fields.text("tz"));
    }

    /** What a credential (COSE_Sign1 bytes) says, without checking its signature: what a phone shows. */
    public static ReferenceCredential read(byte[] credential) {
        return fromPayload(CoseSign1.decode(credential).payload());
    }

    /**
     * The credential with other permissions written into its payload and the original signature kept:
     * what someone who edits a key on their phone gets. A lock refuses it (bad signature).
     */
    public static byte[] withPermissions(byte[] credential, Set<String> permissions) {
        CoseSign1 message = CoseSign1.decode(credential);
        ReferenceCredential original = fromPayload(message.payload());
        ReferenceCredential edited = new ReferenceCredential(original.keyId, original.lockId, original.holderKey,
                original.cardSerial, original.notBefore, original.notAfter, original.issuedAt, List.copyOf(permissions), original.schedule,
                original.timeZone);
        return message.withPayload(edited.payload()).encode();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReferenceCredential that && Arrays.equals(payload(), that.payload());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payload());
    }

    @Override
    public String toString() {
        return "ReferenceCredential[" + keyId + " for " + lockId + (cardSerial == null ? "" : ", card " + cardSerial) + ", " + notBefore + " until " + notAfter + ", "
                + permissions + (schedule == null ? "" : ", " + schedule) + "]";
    }
}
