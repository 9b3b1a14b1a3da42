package dev.portier.plugins.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portier.plugin.api.KeyIssuing.IssuedKey;
import dev.portier.plugins.reference.internal.Base64Url;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.crypto.hpke.HPKE;

/**
 * Portier's mobile API as the trust-service contract describes it, in a test: a real HTTP server on
 * loopback that registers devices, hands out keys sealed with BouncyCastle's HPKE (as the host seals
 * them), deletions, lock identities and revocation lists, and records uploaded events and versions.
 */
final class MobileApiFake implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    record Device(String deviceId, String personId, byte[] signingKey, byte[] encryptionKey) {
    }

    record Upload(String lockId, JsonNode events) {
    }

    private final HttpServer server;
    private final Clock clock;
    private final Map<String, String> codes = new ConcurrentHashMap<>();
    private final Map<String, Device> devicesByToken = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> keys = new ConcurrentHashMap<>();
    private final Map<String, List<String>> deletions = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> locks = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> lists = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> storedEntries = new ConcurrentHashMap<>();
    final List<Upload> uploads = new CopyOnWriteArrayList<>();
    final Map<String, Long> reportedVersions = new ConcurrentHashMap<>();
    final List<JsonNode> registrations = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    volatile ObjectNode onDemandAnswer;
    volatile List<String> onDemandRefusal = List.of();

    MobileApiFake(Clock clock) throws IOException {
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/mobile/", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void addEnrolmentCode(String code, String personId) {
        codes.put(code, personId);
    }

    Device device(String deviceId) {
        return devicesByToken.values().stream().filter(d -> d.deviceId().equals(deviceId)).findFirst().orElseThrow();
    }

    void addLock(String lockId, String name, byte[] publicKey, byte[] issuerKey) {
        locks.put(lockId, JSON.createObjectNode().put("lockId", lockId).put("name", name)
                .put("publicKey", Base64Url.encode(publicKey)).put("issuerKey", Base64Url.encode(issuerKey)));
    }

    /** Seals {@code key} to the device's encryption key exactly as the contract says the host does. */
    ObjectNode sealed(String deviceId, String lockId, IssuedKey key, Instant issuedAt) {
        byte[] encryptionKey = device(deviceId).encryptionKey();
        return JSON.createObjectNode().put("keyId", key.keyId()).put("lockId", lockId)
                .put("notBefore", key.notBefore().toString()).put("notAfter", key.notAfter().toString())
                .put("issuedAt", issuedAt.toString())
                .put("sealed", Base64Url.encode(seal(encryptionKey, key.keyId(), key.credential())));
    }

    void giveKey(String deviceId, String lockId, IssuedKey key, Instant issuedAt) {
        keys.computeIfAbsent(deviceId, id -> new CopyOnWriteArrayList<>()).add(sealed(deviceId, lockId, key, issuedAt));
    }

    void revokeKey(String deviceId, String keyId) {
        keys.getOrDefault(deviceId, List.of()).removeIf(k -> k.get("keyId").asText().equals(keyId));
        deletions.computeIfAbsent(deviceId, id -> new CopyOnWriteArrayList<>()).add(keyId);
    }

    void publishList(String lockId, long version, byte[] list) {
        lists.put(lockId, JSON.createObjectNode().put("lockId", lockId).put("version", version).put("list", Base64Url.encode(list)));
    }

    static byte[] seal(byte[] recipientKey, String keyId, byte[] plaintext) {
        HPKE hpke = new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM128);
        try {
            byte[][] sealed = hpke.seal(hpke.deserializePublicKey(recipientKey), "portier-key".getBytes(StandardCharsets.UTF_8),
                    keyId.getBytes(StandardCharsets.UTF_8), plaintext, null, null, null);
            byte[] ciphertext = sealed[0];
            byte[] enc = sealed[1];
            byte[] out = new byte[enc.length + ciphertext.length];
            System.arraycopy(enc, 0, out, 0, enc.length);
            System.arraycopy(ciphertext, 0, out, enc.length, ciphertext.length);
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring("/api/v1/mobile".length());
            String method = exchange.getRequestMethod();
            JsonNode body = method.equals("POST") ? JSON.readTree(exchange.getRequestBody().readAllBytes()) : null;
            if (method.equals("POST") && path.equals("/devices")) {
                register(exchange, body);
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(authorization));
            Device device = authorization == null ? null : devicesByToken.get(authorization.replaceFirst("^Bearer ", ""));
            if (device == null) {
                answer(exchange, 401, JSON.createObjectNode().put("error", "Unknown device token"));
                return;
            }
            if (method.equals("GET") && path.equals("/keys")) {
                ObjectNode answer = JSON.createObjectNode().put("serverTime", clock.instant().toString());
                ArrayNode keyArray = answer.putArray("keys");
                keys.getOrDefault(device.deviceId(), List.of()).forEach(keyArray::add);
                ArrayNode deleted = answer.putArray("deletions");
                deletions.getOrDefault(device.deviceId(), List.of()).forEach(deleted::add);
                ArrayNode lockArray = answer.putArray("locks");
                locks.values().forEach(lockArray::add);
                answer(exchange, 200, answer);
            } else if (method.equals("GET") && path.equals("/revocation-lists")) {
                ObjectNode answer = JSON.createObjectNode();
                ArrayNode array = answer.putArray("lists");
                lists.values().forEach(array::add);
                answer(exchange, 200, answer);
            } else if (method.equals("POST") && path.matches("/locks/[^/]+/revocation-list-version")) {
                reportedVersions.merge(path.split("/")[2], body.get("version").asLong(), Math::max);
                answer(exchange, 204, null);
            } else if (method.equals("POST") && path.matches("/locks/[^/]+/events")) {
                events(exchange, path.split("/")[2], body);
            } else if (method.equals("POST") && path.equals("/on-demand-keys")) {
                if (!onDemandRefusal.isEmpty()) {
                    ObjectNode refusal = JSON.createObjectNode().put("error", "Not allowed now");
                    onDemandRefusal.forEach(refusal.putArray("reasons")::add);
                    answer(exchange, 403, refusal);
                } else {
                    answer(exchange, 201, onDemandAnswer);
                }
            } else {
                answer(exchange, 404, JSON.createObjectNode().put("error", "No such endpoint"));
            }
        }
    }

    private void register(HttpExchange exchange, JsonNode body) throws IOException {
        registrations.add(body);
        String personId = codes.remove(body.path("enrolmentCode").asText());
        if (personId == null) {
            answer(exchange, 400, JSON.createObjectNode().put("error", "This enrolment code is unknown, used or expired"));
            return;
        }
        String deviceId = "device-" + (devicesByToken.size() + 1);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String token = "ptd_" + Base64Url.encode(random);
        devicesByToken.put(token, new Device(deviceId, personId, Base64Url.decode(body.get("signingKey").asText(), "signingKey"),
                Base64Url.decode(body.get("encryptionKey").asText(), "encryptionKey")));
        answer(exchange, 201, JSON.createObjectNode().put("deviceId", deviceId).put("deviceToken", token).put("personId", personId));
    }

    private void events(HttpExchange exchange, String lockId, JsonNode body) throws IOException {
        JsonNode events = body.get("events");
        if (events.size() > 1000) {
            answer(exchange, 413, JSON.createObjectNode().put("error", "At most 1000 events per batch"));
            return;
        }
        uploads.add(new Upload(lockId, events));
        Set<Long> stored = storedEntries.computeIfAbsent(lockId, id -> ConcurrentHashMap.newKeySet());
        int accepted = 0;
        for (JsonNode event : events) {
            if (stored.add(event.get("entryNumber").asLong())) {
                accepted++;
            }
        }
        answer(exchange, 200, JSON.createObjectNode().put("accepted", accepted).put("duplicates", events.size() - accepted));
    }

    /** Every event uploaded for {@code lockId}, in upload order. */
    List<JsonNode> events(String lockId) {
        List<JsonNode> all = new ArrayList<>();
        uploads.stream().filter(u -> u.lockId().equals(lockId)).forEach(u -> u.events().forEach(all::add));
        return all;
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    Map<String, Long> reportedVersions() {
        return new LinkedHashMap<>(reportedVersions);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
