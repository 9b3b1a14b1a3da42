package dev.portier.plugins.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.plugins.reference.LockProtocol.LogEntry;
import dev.portier.plugins.reference.PhoneState.HeldKey;
import dev.portier.plugins.reference.PhoneState.KnownLock;
import dev.portier.plugins.reference.SyncReport.EventUpload;
import dev.portier.plugins.reference.internal.Base64Url;
import dev.portier.plugins.reference.internal.MobileApiClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sync of a phone with the mobile API, in the contract's order: fetch keys (open the sealed ones),
 * apply deletions, fetch revocation lists, upload the collected lock logs (at most 1000 per batch),
 * report list versions. Runs under the phone's lock; what is not acknowledged stays for the next sync.
 */
final class PhoneSync {

    static final int MAX_BATCH = 1000;

    private final PhoneSimulator phone;
    private final MobileApiClient api;
    private final String token;

    PhoneSync(PhoneSimulator phone) {
        this.phone = phone;
        this.api = phone.api();
        this.token = phone.requireToken();
    }

    SyncReport run() {
        JsonNode keysAnswer = api.get("/keys", token);
        Instant serverTime = keysAnswer.hasNonNull("serverTime") ? Instant.parse(keysAnswer.get("serverTime").asText()) : null;
        for (JsonNode lock : keysAnswer.path("locks")) {
            String lockId = PhoneSimulator.required(lock, "lockId");
            phone.knownLocks().put(lockId, new KnownLock(lockId, lock.path("name").asText(lockId),
                    Base64Url.decode(PhoneSimulator.required(lock, "publicKey"), "publicKey"),
                    Base64Url.decode(PhoneSimulator.required(lock, "issuerKey"), "issuerKey")));
        }
        List<String> received = new ArrayList<>();
        Map<String, String> unopened = new LinkedHashMap<>();
        for (JsonNode key : keysAnswer.path("keys")) {
            try {
                HeldKey held = phone.openKey(key);
                if (phone.heldKeys().put(held.keyId(), held) == null) {
                    received.add(held.keyId()); // new or renewed; keys already held are not news
                }
            } catch (IllegalArgumentException e) {
                unopened.put(key.path("keyId").asText("?"), e.getMessage());
            }
        }
        List<String> deleted = new ArrayList<>();
        for (JsonNode keyId : keysAnswer.path("deletions")) {
            if (phone.heldKeys().remove(keyId.asText()) != null) {
                deleted.add(keyId.asText());
            }
        }
        List<String> expired = new ArrayList<>();
        if (serverTime != null) {
            phone.heldKeys().values().removeIf(key -> {
                boolean gone = !serverTime.isBefore(key.notAfter());
                if (gone) {
                    expired.add(key.keyId());
                }
                return gone;
            });
        }
        return new SyncReport(received, unopened, deleted, expired, fetchLists(), uploadEvents(), reportVersions(), serverTime);
    }

    private Map<String, Long> fetchLists() {
        Map<String, Long> fetched = new LinkedHashMap<>();
        for (JsonNode entry : api.get("/revocation-lists", token).path("lists")) {
            String lockId = PhoneSimulator.required(entry, "lockId");
            long version = entry.path("version").asLong();
            byte[] carried = phone.carriedLists().get(lockId);
            if (carried == null || RevocationList.read(carried).version() < version) {
                byte[] list = Base64Url.decode(PhoneSimulator.required(entry, "list"), "list");
                try {
                    RevocationList.read(list);
                } catch (IllegalArgumentException e) {
                    // Not a list at all: carrying it would only break later syncs; the lock would ignore it anyway.
                    continue;
                }
                phone.carriedLists().put(lockId, list);
                fetched.put(lockId, version);
            }
        }
        return fetched;
    }

    private Map<String, EventUpload> uploadEvents() {
        Map<String, EventUpload> uploads = new LinkedHashMap<>();
        for (String lockId : List.copyOf(phone.pending().keySet())) {
            List<LogEntry> entries = phone.pending().get(lockId);
            int sent = 0;
            int accepted = 0;
            int duplicates = 0;
            while (!entries.isEmpty()) {
                List<LogEntry> batch = List.copyOf(entries.subList(0, Math.min(MAX_BATCH, entries.size())));
                JsonNode answer = api.post("/locks/" + MobileApiClient.segment(lockId) + "/events", token, events(batch));
                // Acknowledged: never sent again. A failure above leaves the rest for the next sync.
                entries.subList(0, batch.size()).clear();
                sent += batch.size();
                accepted += answer.path("accepted").asInt();
                duplicates += answer.path("duplicates").asInt();
            }
            phone.pending().remove(lockId);
            uploads.put(lockId, new EventUpload(sent, accepted, duplicates));
        }
        return uploads;
    }

    private static ObjectNode events(List<LogEntry> batch) {
        ArrayNode events = PhoneSimulator.array();
        for (LogEntry entry : batch) {
            ObjectNode event = events.addObject()
                    .put("entryNumber", entry.entryNumber())
                    .put("occurredAt", entry.occurredAt().toString())
                    .put("type", entry.type());
            ObjectNode details = event.putObject("details");
            entry.details().forEach(details::put);
            if (entry.signed() != null) {
                event.put("signed", Base64Url.encode(entry.signed()));
            }
        }
        ObjectNode body = MobileApiClient.object();
        body.set("events", events);
        return body;
    }

    private Map<String, Long> reportVersions() {
        Map<String, Long> reported = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> entry : List.copyOf(phone.confirmationsToReport().entrySet())) {
            long version = LockProtocol.confirmedVersion(entry.getValue());
            api.post("/locks/" + MobileApiClient.segment(entry.getKey()) + "/revocation-list-version", token,
                    MobileApiClient.object().put("version", version).put("signed", Base64Url.encode(entry.getValue())));
            phone.confirmationsToReport().remove(entry.getKey());
            reported.put(entry.getKey(), version);
        }
        return reported;
    }
}
