package dev.portier.plugins.reference.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.plugin.api.SecretStore;
import dev.portier.plugins.reference.CardSimulator;
import dev.portier.plugins.reference.LockProtocol.LogEntry;
import dev.portier.plugins.reference.LockSimulator;
import dev.portier.plugins.reference.PhoneSimulator;
import dev.portier.plugins.reference.PhoneState;
import dev.portier.plugins.reference.PhoneState.HeldKey;
import dev.portier.plugins.reference.PhoneState.KnownLock;
import dev.portier.plugins.reference.ReferenceCredential;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sandbox connection's simulated locks ("sim-lock/&lt;lockId&gt;" the private key, "sim-lock-state/&lt;lockId&gt;"
 * the rest), phones ("sim-phone/&lt;name&gt;", listed in "sim-phones") and cards ("sim-card/&lt;serial&gt;", listed
 * in "sim-cards") in the connection's {@link SecretStore}, as JSON (the host's Jackson): they hold private
 * keys and keys, and they must survive restarts. Not thread-safe: the driver calls it under its own lock.
 */
public final class SimulatorStore {

    private static final String PHONES = "sim-phones";
    private static final String CARDS = "sim-cards";
    private static final String CARD = "sim-card/";
    private static final String LOCK_KEY = "sim-lock/";
    private static final String LOCK_STATE = "sim-lock-state/";

    private final SecretStore secrets;

    public SimulatorStore(SecretStore secrets) {
        this.secrets = secrets;
    }

    /**
     * The simulated lock {@code lockId}: its raw 32-byte identity private key under "sim-lock/&lt;lockId&gt;" (as
     * the contract names it), its installed list and log as JSON under "sim-lock-state/&lt;lockId&gt;".
     */
    public Optional<LockSimulator> lock(String lockId, byte[] issuerKey, Clock clock) {
        return secrets.get(LOCK_KEY + lockId).map(privateKey -> {
            List<LogEntry> log = new ArrayList<>();
            byte[] list = null;
            int battery = LockSimulator.FULL_BATTERY;
            Instant lastActivity = null;
            List<byte[]> issuerKeys = new ArrayList<>();
            Optional<byte[]> stored = secrets.get(LOCK_STATE + lockId);
            if (stored.isPresent()) {
                JsonNode json = parse(stored.get());
                json.path("issuerKeys").forEach(key -> issuerKeys.add(Base64Url.decode(key.asText(), "issuerKeys")));
                json.path("log").forEach(entry -> log.add(logEntry(entry)));
                list = json.hasNonNull("installedList") ? bytes(json, "installedList") : null;
                // Locks saved before batteries were simulated start with a full one.
                battery = json.path("battery").asInt(LockSimulator.FULL_BATTERY);
                lastActivity = json.hasNonNull("lastActivity") ? instant(json, "lastActivity") : null;
            }
            if (issuerKeys.isEmpty()) {
                issuerKeys.add(issuerKey); // a lock saved before it kept its issuer keys trusts the one it was enrolled with
            }
            return LockSimulator.restore(new LockSimulator.State(lockId, privateKey, issuerKeys, list, log, battery, lastActivity),
                    clock);
        });
    }

    public void save(LockSimulator lock) {
        LockSimulator.State state = lock.state();
        secrets.put(LOCK_KEY + state.lockId(), state.privateKey());
        ObjectNode json = MobileApiClient.object()
                .put("installedList", state.installedList() == null ? null : Base64Url.encode(state.installedList()))
                .put("battery", state.battery())
                .put("lastActivity", state.lastActivity() == null ? null : state.lastActivity().toString());
        ArrayNode issuerKeys = json.putArray("issuerKeys");
        state.issuerKeys().forEach(key -> issuerKeys.add(Base64Url.encode(key)));
        ArrayNode log = json.putArray("log");
        state.log().forEach(entry -> log.add(json(entry)));
        secrets.put(LOCK_STATE + state.lockId(), write(json));
    }

    /** The names of the registered simulated phones, in registration order. */
    public List<String> phoneNames() {
        List<String> names = new ArrayList<>();
        secrets.get(PHONES).ifPresent(bytes -> parse(bytes).forEach(name -> names.add(name.asText())));
        return names;
    }

    /** The phone {@code name}, talking to Portier at {@code portierBaseUrl} (it may have moved since it was saved). */
    public Optional<PhoneSimulator> phone(String name, URI portierBaseUrl, Clock clock) {
        return secrets.get("sim-phone/" + name).map(bytes -> {
            JsonNode json = parse(bytes);
            List<HeldKey> keys = new ArrayList<>();
            json.path("keys").forEach(k -> keys.add(new HeldKey(k.get("keyId").asText(), k.get("lockId").asText(),
                    instant(k, "notBefore"), instant(k, "notAfter"), instant(k, "issuedAt"), bytes(k, "credential"))));
            List<KnownLock> locks = new ArrayList<>();
            json.path("locks").forEach(l -> locks.add(new KnownLock(l.get("lockId").asText(), l.get("name").asText(),
                    bytes(l, "publicKey"), bytes(l, "issuerKey"))));
            Map<String, byte[]> lists = new LinkedHashMap<>();
            json.path("lists").properties().forEach(e -> lists.put(e.getKey(), Base64Url.decode(e.getValue().asText(), "list")));
            Map<String, Long> collected = new LinkedHashMap<>();
            json.path("collectedUpTo").properties().forEach(e -> collected.put(e.getKey(), e.getValue().asLong()));
            Map<String, List<LogEntry>> pending = new LinkedHashMap<>();
            json.path("pendingEvents").properties().forEach(e -> {
                List<LogEntry> entries = new ArrayList<>();
                e.getValue().forEach(entry -> entries.add(logEntry(entry)));
                pending.put(e.getKey(), entries);
            });
            Map<String, byte[]> confirmations = new LinkedHashMap<>();
            json.path("confirmationsToReport").properties()
                    .forEach(e -> confirmations.put(e.getKey(), Base64Url.decode(e.getValue().asText(), "confirmation")));
            return PhoneSimulator.restore(new PhoneState(portierBaseUrl, json.get("name").asText(), bytes(json, "signingKey"),
                    bytes(json, "encryptionKey"), text(json, "deviceId"), text(json, "deviceToken"), text(json, "personId"),
                    keys, locks, lists, collected, pending, confirmations), clock);
        });
    }

    public void save(PhoneSimulator phone) {
        PhoneState state = phone.state();
        ObjectNode json = MobileApiClient.object().put("name", state.name())
                .put("signingKey", Base64Url.encode(state.signingKey()))
                .put("encryptionKey", Base64Url.encode(state.encryptionKey()))
                .put("deviceId", state.deviceId()).put("deviceToken", state.deviceToken()).put("personId", state.personId());
        ArrayNode keys = json.putArray("keys");
        state.keys().forEach(k -> keys.addObject().put("keyId", k.keyId()).put("lockId", k.lockId())
                .put("notBefore", k.notBefore().toString()).put("notAfter", k.notAfter().toString())
                .put("issuedAt", k.issuedAt().toString()).put("credential", Base64Url.encode(k.credential())));
        ArrayNode locks = json.putArray("locks");
        state.locks().forEach(l -> locks.addObject().put("lockId", l.lockId()).put("name", l.name())
                .put("publicKey", Base64Url.encode(l.publicKey())).put("issuerKey", Base64Url.encode(l.issuerKey())));
        ObjectNode lists = json.putObject("lists");
        state.lists().forEach((lockId, list) -> lists.put(lockId, Base64Url.encode(list)));
        ObjectNode collected = json.putObject("collectedUpTo");
        state.collectedUpTo().forEach(collected::put);
        ObjectNode pending = json.putObject("pendingEvents");
        state.pendingEvents().forEach((lockId, entries) -> {
            ArrayNode array = pending.putArray(lockId);
            entries.forEach(entry -> array.add(json(entry)));
        });
        ObjectNode confirmations = json.putObject("confirmationsToReport");
        state.confirmationsToReport().forEach((lockId, signed) -> confirmations.put(lockId, Base64Url.encode(signed)));
        secrets.put("sim-phone/" + state.name(), write(json));
        List<String> names = phoneNames();
        if (!names.contains(state.name())) {
            ArrayNode all = MobileApiClient.JSON.createArrayNode();
            names.forEach(all::add);
            all.add(state.name());
            secrets.put(PHONES, write(all));
        }
    }

    /** The serials of the simulated cards, in the order their first key was written. */
    public List<String> cardSerials() {
        List<String> serials = new ArrayList<>();
        secrets.get(CARDS).ifPresent(bytes -> parse(bytes).forEach(serial -> serials.add(serial.asText())));
        return serials;
    }

    /** The simulated card {@code serial} (normalised), if a key was ever written onto it. */
    public Optional<CardSimulator> card(String serial) {
        return secrets.get(CARD + ReferenceCredential.normalSerial(serial)).map(bytes -> {
            JsonNode json = parse(bytes);
            CardSimulator card = new CardSimulator(json.get("serial").asText());
            json.path("credentials").properties().forEach(e -> card.write(e.getKey(), Base64Url.decode(e.getValue().asText(), "credential")));
            return card;
        });
    }

    public void save(CardSimulator card) {
        ObjectNode json = MobileApiClient.object().put("serial", card.serial());
        ObjectNode credentials = json.putObject("credentials");
        card.credentials().forEach((keyId, credential) -> credentials.put(keyId, Base64Url.encode(credential)));
        secrets.put(CARD + card.serial(), write(json));
        List<String> serials = cardSerials();
        if (!serials.contains(card.serial())) {
            ArrayNode all = MobileApiClient.JSON.createArrayNode();
            serials.forEach(all::add);
            all.add(card.serial());
            secrets.put(CARDS, write(all));
        }
    }

    private static ObjectNode json(LogEntry entry) {
        ObjectNode json = MobileApiClient.object().put("entryNumber", entry.entryNumber())
                .put("occurredAt", entry.occurredAt().toString()).put("type", entry.type());
        ObjectNode details = json.putObject("details");
        entry.details().forEach(details::put);
        if (entry.signed() != null) {
            json.put("signed", Base64Url.encode(entry.signed()));
        }
        return json;
    }

    private static LogEntry logEntry(JsonNode json) {
        Map<String, String> details = new LinkedHashMap<>();
        json.path("details").properties().forEach(e -> details.put(e.getKey(), e.getValue().asText()));
        // Entries logged before locks signed them have no signature; Portier will refuse them.
        return new LogEntry(json.get("entryNumber").asLong(), instant(json, "occurredAt"), json.get("type").asText(), details,
                json.hasNonNull("signed") ? bytes(json, "signed") : null);
    }

    private static Instant instant(JsonNode json, String field) {
        return Instant.parse(json.get(field).asText());
    }

    private static byte[] bytes(JsonNode json, String field) {
        return Base64Url.decode(json.get(field).asText(), field);
    }

    private static String text(JsonNode json, String field) {
        return json.hasNonNull(field) ? json.get(field).asText() : null;
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return MobileApiClient.JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("A stored simulator is not JSON: " + e.getMessage(), e);
        }
    }

    private static byte[] write(JsonNode json) {
        try {
            return MobileApiClient.JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException("JSON of a tree cannot fail", e);
        }
    }
}
