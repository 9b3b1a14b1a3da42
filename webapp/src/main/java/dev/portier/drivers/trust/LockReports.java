package dev.portier.drivers.trust;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.domain.locks.LockService;
import dev.portier.platform.db.Database;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.ValidationException;
import dev.portier.plugin.api.LockEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * What a lock tells Portier through whichever phone carries it: entries of its log and the revocation
 * list version it holds. A phone is only the messenger, so each must be the lock's own word: a COSE_Sign1
 * (RFC 9052, EdDSA) made with the identity key the lock was enrolled with. Portier checks the signature
 * before anything is stored and then reads the entry or version from the signed payload, never from the
 * phone's JSON: a forged or altered report is refused and changes nothing, so it can neither replace nor
 * hide a genuine entry that arrives later, and a phone cannot confirm a list the lock never installed (a
 * revoked phone cannot confirm its own revocation).
 *
 * <p>Payloads (deterministic CBOR maps with text keys): a log entry {"typ": "log", "lock", "n", "t"
 * (epoch milliseconds), "type", "det": {text: text}}; a list confirmation {"typ": "list", "lock", "ver"}.
 */
@Singleton
public final class LockReports {

    /** {1: -8}: the protected header of an EdDSA COSE_Sign1. */
    private static final byte[] EDDSA = HexFormat.of().parseHex("a10127");
    private static final int COSE_SIGN1_TAG = 18;
    private static final CBORFactory CBOR = new CBORFactory();
    private static final CBORMapper READER = CBORMapper.builder(CBOR)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private final Database database;

    @Inject
    LockReports(Database database) {
        this.database = database;
    }

    /** One uploaded entry: the lock's signed bytes, and what the phone's JSON says (each may be {@code null}). */
    public record Upload(byte[] signed, Long entryNumber, Instant occurredAt, String type, Map<String, String> details) {
    }

    /**
     * The entries as the lock signed them, all of them checked before any is returned. Refused (400, the
     * field names the entry) when one is unsigned, not signed by this lock's enrolled identity key, about
     * another lock, or different from what the phone's JSON says about it.
     */
    public List<LockEvent> entries(String accountId, String lockId, List<Upload> uploads) {
        Ed25519PublicKeyParameters lockKey = enrolledKey(accountId, lockId);
        List<LockEvent> events = new ArrayList<>();
        for (int i = 0; i < uploads.size(); i++) {
            String field = "events[" + i + "].signed";
            Upload upload = uploads.get(i);
            JsonNode payload = verified(lockKey, upload.signed(), field, "log", lockId);
            long number = number(payload, "n", field);
            Instant at = Instant.ofEpochMilli(number(payload, "t", field));
            String type = text(payload, "type", field);
            Map<String, String> details = new TreeMap<>();
            JsonNode det = payload.path("det");
            if (!det.isObject()) {
                throw ValidationException.of(field, "The lock's entry has no details map");
            }
            det.properties().forEach(e -> details.put(e.getKey(), e.getValue().asText()));
            boolean differs = upload.entryNumber() != null && upload.entryNumber() != number
                    || upload.occurredAt() != null && !upload.occurredAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).equals(at)
                    || upload.type() != null && !upload.type().equals(type)
                    || upload.details() != null && !new TreeMap<>(upload.details()).equals(details);
            if (differs) {
                throw ValidationException.of(field, "Entry " + i + " does not say what the lock signed");
            }
            events.add(new LockEvent(lockId, number, at, type, details));
        }
        return events;
    }

    /** The list version the lock's signed confirmation states; refused (400 on {@code signed}) unless the lock signed it. */
    public long confirmedVersion(String accountId, String lockId, byte[] signed) {
        JsonNode payload = verified(enrolledKey(accountId, lockId), signed, "signed", "list", lockId);
        return number(payload, "ver", "signed");
    }

    /** The account's lock's enrolled identity key; another account's lock is not found (404). */
    private Ed25519PublicKeyParameters enrolledKey(String accountId, String lockId) {
        String publicKey = database.jdbi().withHandle(h -> {
            LockService.find(h, accountId, lockId);
            return LockEnrolments.find(h, accountId, lockId).map(LockEnrolments.Enrolment::publicKey).orElse(null);
        });
        if (publicKey == null) {
            throw new ConflictException("lockId", "The lock has no enrolled identity key, so nothing it reports through a phone "
                    + "can be checked");
        }
        try {
            return new Ed25519PublicKeyParameters(Base64Url.publicKey(publicKey, "The lock's public key"), 0);
        } catch (IllegalArgumentException e) {
            throw new ConflictException("lockId", "The lock's enrolled identity key is not an Ed25519 key");
        }
    }

    /** The payload of {@code signed} if {@code lockKey} signed it and it is a {@code typ} report about {@code lockId}. */
    private static JsonNode verified(Ed25519PublicKeyParameters lockKey, byte[] signed, String field, String typ, String lockId) {
        if (signed == null) {
            throw ValidationException.of(field, "Not signed: a phone carries only what the lock signed with its identity key");
        }
        byte[][] parts = decode(signed, field);
        byte[] protectedHeader = parts[0];
        byte[] payload = parts[1];
        byte[] signature = parts[2];
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, lockKey);
        byte[] toBeSigned = sigStructure(protectedHeader, payload);
        verifier.update(toBeSigned, 0, toBeSigned.length);
        if (!java.util.Arrays.equals(protectedHeader, EDDSA) || signature.length != 64 || !verifier.verifySignature(signature)) {
            throw ValidationException.of(field, "Not signed by this lock's enrolled identity key");
        }
        JsonNode map;
        try {
            map = READER.readTree(payload);
        } catch (IOException e) {
            throw ValidationException.of(field, "The signed payload is not CBOR");
        }
        if (map == null || !map.isObject() || !typ.equals(map.path("typ").asText()) || !lockId.equals(map.path("lock").asText())) {
            throw ValidationException.of(field, "Signed by the lock, but not a " + ("log".equals(typ) ? "log entry" : "list confirmation")
                    + " of this lock");
        }
        return map;
    }

    /** [protected, payload, signature] of a tagged COSE_Sign1. */
    private static byte[][] decode(byte[] bytes, String field) {
        try (CBORParser parser = CBOR.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_ARRAY || parser.getCurrentTag() != COSE_SIGN1_TAG) {
                throw ValidationException.of(field, "Not a COSE_Sign1");
            }
            byte[] protectedHeader = binary(parser, field);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ValidationException.of(field, "Not a COSE_Sign1");
            }
            parser.skipChildren();
            byte[] payload = binary(parser, field);
            byte[] signature = binary(parser, field);
            if (parser.nextToken() != JsonToken.END_ARRAY || parser.nextToken() != null) {
                throw ValidationException.of(field, "Not a COSE_Sign1");
            }
            return new byte[][] {protectedHeader, payload, signature};
        } catch (IOException e) {
            throw ValidationException.of(field, "Not a COSE_Sign1");
        }
    }

    private static byte[] binary(CBORParser parser, String field) throws IOException {
        if (parser.nextToken() != JsonToken.VALUE_EMBEDDED_OBJECT) {
            throw ValidationException.of(field, "Not a COSE_Sign1");
        }
        return parser.getBinaryValue();
    }

    private static byte[] sigStructure(byte[] protectedHeader, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator generator = CBOR.createGenerator(out)) {
            generator.writeStartArray(null, 4);
            generator.writeString("Signature1");
            generator.writeBinary(protectedHeader);
            generator.writeBinary(new byte[0]);
            generator.writeBinary(payload);
            generator.writeEndArray();
        } catch (IOException e) {
            throw new IllegalStateException("Writing CBOR to memory failed", e);
        }
        return out.toByteArray();
    }

    private static long number(JsonNode payload, String name, String field) {
        JsonNode value = payload.get(name);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ValidationException.of(field, "The signed payload has no whole number " + name);
        }
        return value.longValue();
    }

    private static String text(JsonNode payload, String name, String field) {
        JsonNode value = payload.get(name);
        if (value == null || !value.isTextual()) {
            throw ValidationException.of(field, "The signed payload has no text " + name);
        }
        return value.textValue();
    }
}
