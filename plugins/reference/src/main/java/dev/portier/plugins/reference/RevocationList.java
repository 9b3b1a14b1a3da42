package dev.portier.plugins.reference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portier.plugins.reference.internal.Cbor;
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
 * millis, optional), "rev" = [[keyId, expiresAt epoch seconds], …] sorted by key id.
 *
 * @param lockId      the lock it is for; other locks ignore it
 * @param version     a lock installs only a higher version than it holds
 * @param minIssuedAt keys issued before it are revoked implicitly; {@code null} for none
 * @param revoked     revoked keys that have not expired yet
 */
public record RevocationList(String lockId, long version, Instant minIssuedAt, List<Revoked> revoked) {

    /** One revoked key and when it would have expired anyway. */
    public record Revoked(String keyId, Instant expiresAt) {
    }

    public RevocationList {
        revoked = revoked.stream().sorted(Comparator.comparing(Revoked::keyId)).toList();
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
        Long min = fields.optionalNumber("min");
        return new RevocationList(fields.text("lock"), fields.number("ver"), min == null ? null : Instant.ofEpochMilli(min),
                revoked);
    }

    /** What a signed list (COSE_Sign1 bytes) says, without checking its signature. */
    public static RevocationList read(byte[] signedList) {
        return fromPayload(CoseSign1.decode(signedList).payload());
    }
}
