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
import java.util.Map;
import java.util.Set;

/**
 * The payload of a reference key (a COSE_Sign1 signed with the account's issuing key): which key,
 * for which lock, bound to which device key, valid when, with which permissions. Text keys "kid",
 * "lock", "hk", "nbf"/"exp" (epoch seconds), "iat" (epoch millis), "perm" (sorted), "sch" (optional), "tz".
 *
 * @param keyId       the host's key id
 * @param lockId      the lock it opens
 * @param holderKey   the device's raw Ed25519 public key: the lock demands proof of its private key
 * @param notBefore   first second of validity
 * @param notAfter    first second no longer valid
 * @param issuedAt    when the host issued it (compared with the lock's minimum-issue watermark)
 * @param permissions e.g. "UNLOCK"
 * @param schedule    weekly windows in {@link WeeklyWindows} text form, or {@code null} for always
 * @param timeZone    the lock's IANA zone, in which the schedule is read
 */
public record ReferenceCredential(String keyId, String lockId, byte[] holderKey, Instant notBefore, Instant notAfter,
        Instant issuedAt, List<String> permissions, String schedule, String timeZone) {

    public ReferenceCredential {
        permissions = permissions.stream().sorted().distinct().toList();
    }

    /** The CBOR payload map, deterministic for equal values. */
    public byte[] payload() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kid", keyId);
        map.put("lock", lockId);
        map.put("hk", holderKey);
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
        return new ReferenceCredential(fields.text("kid"), fields.text("lock"), fields.bytes("hk"), fields.seconds("nbf"),
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
                original.notBefore, original.notAfter, original.issuedAt, List.copyOf(permissions), original.schedule,
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
        return "ReferenceCredential[" + keyId + " for " + lockId + ", " + notBefore + " until " + notAfter + ", "
                + permissions + (schedule == null ? "" : ", " + schedule) + "]";
    }
}
