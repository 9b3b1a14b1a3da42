package dev.portier.plugins.geotab.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portier.plugin.api.SecretStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stored virtual keys Portier created per GO device, kept in the connection's secret store so the
 * limits survive restarts (the Keyless API offers no way to list them).
 * Expired keys are dropped whenever the ledger is written, as the Keyless Service drops them from the
 * device's synchronised set. Callers serialise access per connection.
 */
final class KeyLedger {

    /** One stored key: {@code keyId} is the virtualKeyId the Keyless Service returned, which the core keeps. */
    record Entry(String keyId, String reservationId, List<String> cards, String userReference,
            long begin, long end, List<String> permissions, List<String> privileges, List<String> endBookConditions) {

        boolean activeAt(long millis) {
            return end > millis;
        }

        Map<String, Object> requestBody() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("isStoredVirtualKey", true);
            body.put("tapCardSerialNumbers", cards);
            body.put("userReference", userReference);
            body.put("beginningTimestamp", begin);
            body.put("endingTimestamp", end);
            body.put("permissions", permissions);
            body.put("privileges", privileges);
            body.put("endBookConditions", endBookConditions);
            return body;
        }
    }

    private final SecretStore store;

    KeyLedger(SecretStore store) {
        this.store = store;
    }

    List<Entry> load(String serialNumber) {
        Optional<byte[]> saved = store.get(name(serialNumber));
        if (saved.isEmpty()) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        // The shape SPI 1.x drivers wrote too: an array of request bodies with the ids added.
        JsonNode items = KeylessJson.parse(new String(saved.get(), StandardCharsets.UTF_8));
        for (JsonNode item : items) {
            if (item.isObject()) {
                entries.add(entry(item));
            }
        }
        return entries;
    }

    /** Saves the active entries and answers them. */
    List<Entry> save(String serialNumber, List<Entry> entries, long now) {
        List<Entry> active = entries.stream().filter(e -> e.activeAt(now)).toList();
        List<Map<String, Object>> json = new ArrayList<>();
        for (Entry entry : active) {
            Map<String, Object> map = entry.requestBody();
            map.put("keyId", entry.keyId());
            map.put("reservationId", entry.reservationId());
            json.add(map);
        }
        store.put(name(serialNumber), KeylessJson.write(json).getBytes(StandardCharsets.UTF_8));
        return active;
    }

    private static Entry entry(JsonNode json) {
        // Entries written by earlier versions also carry a "currentId"; it only ever differed from keyId after a
        // key-set resynchronisation against the simulator, which no longer exists.
        return new Entry(KeylessJson.text(json, "keyId"), KeylessJson.text(json, "reservationId"), KeylessJson.strings(json, "tapCardSerialNumbers"),
                KeylessJson.text(json, "userReference"), json.path("beginningTimestamp").asLong(),
                json.path("endingTimestamp").asLong(), KeylessJson.strings(json, "permissions"),
                KeylessJson.strings(json, "privileges"), KeylessJson.strings(json, "endBookConditions"));
    }

    private static String name(String serialNumber) {
        return "stored-keys/" + serialNumber;
    }
}
