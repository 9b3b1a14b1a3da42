package dev.portier.plugins.reference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portier.plugin.api.Signer;
import dev.portier.plugins.reference.internal.Cbor;
import dev.portier.plugins.reference.internal.IssuerKey;
import dev.portier.plugins.reference.internal.CoseSign1;
import dev.portier.plugins.reference.internal.PayloadFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The payload of a lock's signed revocation list: "lock", "ver", "min" (minimum-issue watermark, epoch
 * milliseconds, optional), "rev" = [[keyId, expiresAt epoch seconds], …] sorted by key id, and "iss" =
 * [[kid, COSE alg, public key], …] sorted by kid, the issuer keys the lock trusts once it installed the
 * list (optional: a list without it leaves the lock's issuer keys as they are).
 *
 * @param lockId      the lock it is for; other locks ignore it
 * @param version     a lock installs only a higher version than it holds
 * @param minIssuedAt keys issued before it are revoked implicitly; {@code null} for none
 * @param revoked     revoked keys that have not expired yet
 * @param issuerKeys  the issuer keys the lock trusts from this list on; empty: unchanged
 */
public record RevocationList(String lockId, long version, Instant minIssuedAt, List<Revoked> revoked, List<IssuerKey> issuerKeys) {

    /** One revoked key and when it would have expired anyway. */
    public record Revoked(String keyId, Instant expiresAt) {
    }

    public RevocationList {
        revoked = revoked.stream().sorted(Comparator.comparing(Revoked::keyId)).toList();
        issuerKeys = issuerKeys.stream().sorted((a, b) -> java.util.Arrays.compareUnsigned(a.kid(), b.kid())).toList();
    }

    /** A list that leaves the lock's issuer keys as they are. */
    public RevocationList(String lockId, long version, Instant minIssuedAt, List<Revoked> revoked) {
        this(lockId, version, minIssuedAt, revoked, List.of());
    }

    /** The CBOR payload map, deterministic for equal values. */
    public byte[] payload() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("lock", lockId);
        map.put("ver", version);
        map.put("min", minIssuedAt == null ? null : minIssuedAt.toEpochMilli());
        List<Object> entries = new ArrayList<>();
        for (Revoked key : revoked) {
            entries.add(List.of(key.keyId(), key.expiresAt().getEpochSecond()));
        }
        map.put("rev", entries);
        if (!issuerKeys.isEmpty()) {
            List<Object> keys = new ArrayList<>();
            for (IssuerKey key : issuerKeys) {
                keys.add(List.of(key.kid(), (long) key.coseAlgorithm(), key.publicKey()));
            }
            map.put("iss", keys);
        }
        return Cbor.textMap(map);
    }

    /** Reads a payload map; a missing or mistyped field is an {@link IllegalArgumentException}. */
    public static RevocationList fromPayload(byte[] payload) {
        PayloadFields fields = new PayloadFields(payload, "Revocation list");
        List<Revoked> revoked = new ArrayList<>();
        for (JsonNode entry : fields.array("rev")) {
            if (!entry.isArray() || entry.size() != 2 || !entry.get(0).isTextual()) {
                throw new IllegalArgumentException("Revocation list entry is not [keyId, expiresAt]");
            }
            revoked.add(new Revoked(entry.get(0).textValue(), Instant.ofEpochSecond(fields.number(entry.get(1), "rev"))));
        }
        List<IssuerKey> issuerKeys = new ArrayList<>();
        if (fields.has("iss")) {
            for (JsonNode entry : fields.array("iss")) {
                issuerKeys.add(issuerKey(entry));
            }
        }
        Long min = fields.optionalNumber("min");
        return new RevocationList(fields.text("lock"), fields.number("ver"), min == null ? null : Instant.ofEpochMilli(min),
                revoked, issuerKeys);
    }

    private static IssuerKey issuerKey(JsonNode entry) {
        if (!entry.isArray() || entry.size() != 3 || !entry.get(0).isBinary() || !entry.get(1).isIntegralNumber()
                || !entry.get(2).isBinary()) {
            throw new IllegalArgumentException("Revocation list issuer key is not [kid, alg, key]");
        }
        try {
            int algorithm = entry.get(1).intValue();
            IssuerKey key = IssuerKey.of(algorithm == IssuerKey.ES256 ? Signer.Algorithm.ES256 : Signer.Algorithm.ED25519,
                    entry.get(2).binaryValue());
            if (algorithm != key.coseAlgorithm() || !java.util.Arrays.equals(key.kid(), entry.get(0).binaryValue())) {
                throw new IllegalArgumentException("Revocation list issuer key's kid or algorithm does not match the key");
            }
            return key;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Revocation list issuer key is not [kid, alg, key]");
        }
    }

    /** What a signed list (COSE_Sign1 bytes) says, without checking its signature. */
    public static RevocationList read(byte[] signedList) {
        return fromPayload(CoseSign1.decode(signedList).payload());
    }
}
