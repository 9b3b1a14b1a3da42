package dev.portier.plugins.reference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portier.plugins.reference.internal.Base64Url;
import dev.portier.plugins.reference.internal.Cbor;
import dev.portier.plugins.reference.internal.CoseSign1;
import dev.portier.plugins.reference.internal.PayloadFields;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The payload of a reference key (a COSE_Sign1 signed with the account's issuing key): a CWT claims set
 * (RFC 8392) — which key, for which lock, bound to which holder, valid when — with private claims for what
 * the lock does with it. Standard claims (integer labels, times in epoch seconds): 1 iss "portier", 2 sub
 * the holder ("device:" + base64url of its key, or "card:" + serial), 3 aud the lock id, 4 exp, 5 nbf,
 * 6 iat (a whole number of seconds, or a float of seconds with the milliseconds when there are some: RFC 8392
 * NumericDate allows both, and a lock compares it with its minimum-issue watermark to the millisecond), 7 cti the key id (UTF-8), 8 cnf (RFC 8747) {1: COSE_Key {1: 1, -1: 6, -2: the device's Ed25519
 * key}} for a phone key. Private claims (text labels): "perm" sorted permissions, "sch" the schedule
 * (optional), "tz" the zone, "uv" true when the phone must verify its user for every use (optional).
 *
 * @param keyId       the host's key id
 * @param lockId      the lock it opens
 * @param holderKey   a phone key: the device's raw Ed25519 public key, whose private key the lock demands
 *                    proof of; {@code null} for a card key
 * @param cardSerial  a card key: the serial of the card it is bound to ({@link #normalSerial normalised});
 *                    {@code null} for a phone key
 * @param notBefore   first second of validity
 * @param notAfter    first second no longer valid
 * @param issuedAt    when the host issued it, to the millisecond (compared with the lock's minimum-issue watermark)
 * @param permissions e.g. "UNLOCK"
 * @param schedule    weekly windows in {@link WeeklyWindows} text form, or {@code null} for always
 * @param timeZone    the IANA zone in which the schedule is read (the lock's)
 * @param userVerification whether the phone must verify its user (PIN, fingerprint) at every use
 */
public record ReferenceCredential(String keyId, String lockId, byte[] holderKey, String cardSerial, Instant notBefore,
        Instant notAfter, Instant issuedAt, List<String> permissions, String schedule, String timeZone, boolean userVerification) {

    /** The CWT issuer of every reference key. */
    public static final String ISSUER = "portier";
    static final int ISS = 1;
    static final int SUB = 2;
    static final int AUD = 3;
    static final int EXP = 4;
    static final int NBF = 5;
    static final int IAT = 6;
    static final int CTI = 7;
    static final int CNF = 8;
    private static final String DEVICE = "device:";
    private static final String CARD = "card:";

    /** A key without user verification. */
    public ReferenceCredential(String keyId, String lockId, byte[] holderKey, String cardSerial, Instant notBefore,
            Instant notAfter, Instant issuedAt, List<String> permissions, String schedule, String timeZone) {
        this(keyId, lockId, holderKey, cardSerial, notBefore, notAfter, issuedAt, permissions, schedule, timeZone, false);
    }

    public ReferenceCredential {
        permissions = permissions.stream().sorted().distinct().toList();
        if ((holderKey == null) == (cardSerial == null)) {
            throw new IllegalArgumentException("A credential is bound to a device key or to a card serial, exactly one");
        }
        cardSerial = cardSerial == null ? null : normalSerial(cardSerial);
        notBefore = notBefore.truncatedTo(ChronoUnit.SECONDS);
        notAfter = notAfter.truncatedTo(ChronoUnit.SECONDS);
        issuedAt = issuedAt.truncatedTo(ChronoUnit.MILLIS);
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

    /** The CWT claims set, deterministic for equal values. */
    public byte[] payload() {
        Map<Object, Object> claims = new LinkedHashMap<>();
        claims.put(ISS, ISSUER);
        claims.put(SUB, forCard() ? CARD + cardSerial : DEVICE + Base64Url.encode(holderKey));
        claims.put(AUD, lockId);
        claims.put(EXP, notAfter.getEpochSecond());
        claims.put(NBF, notBefore.getEpochSecond());
        claims.put(IAT, issuedAt.getNano() == 0 ? (Object) issuedAt.getEpochSecond() : (Object) (issuedAt.toEpochMilli() / 1000.0));
        claims.put(CTI, keyId.getBytes(StandardCharsets.UTF_8));
        if (!forCard()) {
            Map<Object, Object> coseKey = new LinkedHashMap<>();
            coseKey.put(1, 1);
            coseKey.put(-1, 6);
            coseKey.put(-2, holderKey);
            claims.put(CNF, Map.of(1, coseKey));
        }
        claims.put("perm", new ArrayList<Object>(permissions));
        claims.put("sch", schedule);
        claims.put("tz", timeZone);
        claims.put("uv", userVerification ? Boolean.TRUE : null);
        return Cbor.map(claims);
    }

    /** Reads a CWT claims set; a missing or mistyped claim is an {@link IllegalArgumentException}. */
    public static ReferenceCredential fromPayload(byte[] payload) {
        PayloadFields fields = new PayloadFields(payload, "Credential");
        if (!ISSUER.equals(fields.text(ISS))) {
            throw new IllegalArgumentException("Credential issuer is not " + ISSUER);
        }
        List<String> permissions = new ArrayList<>();
        for (JsonNode permission : fields.array("perm")) {
            if (!permission.isTextual()) {
                throw new IllegalArgumentException("Credential permission is not text");
            }
            permissions.add(permission.textValue());
        }
        String subject = fields.text(SUB);
        byte[] holderKey = null;
        String cardSerial = null;
        if (subject.startsWith(CARD)) {
            cardSerial = subject.substring(CARD.length());
            if (fields.has(CNF)) {
                throw new IllegalArgumentException("A card key carries no confirmation key");
            }
        } else if (subject.startsWith(DEVICE)) {
            JsonNode coseKey = fields.object(CNF).path("1");
            if (coseKey.path("1").asInt() != 1 || coseKey.path("-1").asInt() != 6 || !coseKey.path("-2").isBinary()) {
                throw new IllegalArgumentException("Credential cnf is not an Ed25519 COSE_Key");
            }
            try {
                holderKey = coseKey.get("-2").binaryValue();
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("Credential cnf key is not a byte string");
            }
            if (!subject.equals(DEVICE + Base64Url.encode(holderKey))) {
                throw new IllegalArgumentException("Credential sub does not name its cnf key");
            }
        } else {
            throw new IllegalArgumentException("Credential sub names neither a device nor a card");
        }
        boolean userVerification = fields.has("uv") && fields.flag("uv");
        return new ReferenceCredential(new String(fields.bytes(CTI), StandardCharsets.UTF_8), fields.text(AUD), holderKey, cardSerial,
                fields.seconds(NBF), fields.seconds(EXP), fields.numericDate(IAT), permissions, fields.optionalText("sch"), fields.text("tz"),
                userVerification);
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
                original.timeZone, original.userVerification);
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
                + permissions + (schedule == null ? "" : ", " + schedule) + (userVerification ? ", user verification" : "") + "]";
    }
}
