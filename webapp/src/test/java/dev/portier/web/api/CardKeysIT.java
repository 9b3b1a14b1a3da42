package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.plugins.reference.CardSimulator;
import dev.portier.plugins.reference.LockProtocol;
import dev.portier.plugins.reference.LockProtocol.Reason;
import dev.portier.plugins.reference.LockSimulator;
import dev.portier.plugins.reference.PhoneSimulator;
import dev.portier.plugins.reference.PhoneSimulator.TapOutcome;
import dev.portier.testing.BundledPluginJar;
import dev.portier.testing.KeyWithdrawalTestPlugin;
import dev.portier.testing.RunningServer;
import dev.portier.web.api.ApiClient.Answer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Card keys end to end over real HTTP with the reference plugin in PF4J: a card grant becomes a key an
 * encoder fetches from the API and writes onto a card; the simulated lock opens for that card's serial
 * only, and refuses it once the grant is revoked or the card is lost and a phone has carried the lock
 * its new revocation list.
 */
class CardKeysIT {

    @TempDir
    static Path dir;
    static RunningServer server;
    static SignedInUser admin;
    static ApiClient manager;
    static ApiClient viewer;
    static ApiClient beta;
    static String referenceConnection;
    static String site;
    static int serials;
    static int people;

    @BeforeAll
    static void start() throws Exception {
        BundledPluginJar.install(dir, "reference");
        KeyWithdrawalTestPlugin.install(dir);
        server = RunningServer.withAdmin(dir);
        admin = ApiFixtures.admin(server);
        manager = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "Encoder token"));
        viewer = new ApiClient(server, ApiFixtures.token(server, admin, Role.VIEWER, "Viewer token"));
        referenceConnection = connection("Reference locks", "reference", Map.of("mode", "production"));
        site = manager.post("/api/v1/sites", ApiCrudIT.site("Depot", "UTC")).id();
        SignedInUser inBeta = server.get(AccountService.class).create(admin, "Beta", "UTC");
        beta = new ApiClient(server, ApiFixtures.token(server, inBeta, Role.MANAGER, "Beta token"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aCardGrantBecomesACardKeyThatOpensTheLockForThatCardsSerialOnly() {
        MutableClock clock = new MutableClock(Instant.now());
        LockSimulator lock = lock("Front gate", referenceConnection, clock);
        String serial = nextSerial();
        String card = card(serial);
        cardGrant(card, "lockId", lock.lockId());

        JsonNode key = eventually(card, keys -> keys.size() == 1).get(0);
        assertThat(key.get("lockId").asText()).isEqualTo(lock.lockId());
        assertThat(key.get("format").asText()).isEqualTo("cose-sign1");
        assertThat(Duration.between(Instant.parse(key.get("notBefore").asText()), Instant.parse(key.get("notAfter").asText())))
                .isLessThanOrEqualTo(Duration.ofDays(7).plusMinutes(3));

        CardSimulator encoded = encode(serial, card);
        LockProtocol.Answer tap = encoded.tap(lock, "UNLOCK", clock).orElseThrow();
        assertThat(tap.verdict().opens()).as(tap.toString()).isTrue();
        assertThat(tap.entry().details()).containsEntry("card", serial);
        CardSimulator cloned = encoded.copyTo(nextSerial());
        assertThat(cloned.tap(lock, "UNLOCK", clock).orElseThrow().verdict().reason()).isEqualTo(Reason.NOT_HOLDER);

        assertThat(viewer.get("/api/v1/cards/" + card + "/keys").status()).as("credentials need the Manager role").isEqualTo(403);
        assertThat(beta.get("/api/v1/cards/" + card + "/keys").status()).as("another account's card").isEqualTo(404);
        JsonNode paths = manager.withToken(null).get("/api/openapi.json").json().get("paths");
        assertThat(paths.get("/api/v1/cards/{id}/keys").get("get").get("operationId").asText()).isEqualTo("getCardKeys");
    }

    @Test
    void aRevokedCardGrantPutsTheKeyOnTheListAPhoneCarriesToTheLockAndTheCardIsRefused() {
        MutableClock clock = new MutableClock(Instant.now());
        LockSimulator lock = lock("Back gate", referenceConnection, clock);
        PhoneSimulator courier = phoneWithGrant(lock, clock);
        String serial = nextSerial();
        String card = card(serial);
        String grant = cardGrant(card, "lockId", lock.lockId());
        String keyId = eventually(card, keys -> keys.size() == 1).get(0).get("keyId").asText();
        CardSimulator encoded = encode(serial, card);
        assertThat(encoded.tap(lock, "UNLOCK", clock).orElseThrow().verdict().opens()).isTrue();

        Answer revoked = manager.post("/api/v1/grants/" + grant + "/revoke", ApiClient.object().put("reason", "Contract ended"));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        eventually(card, JsonNode::isEmpty);
        JsonNode exposed = exposure("/api/v1/trust/revocation-exposure?unconfirmedOnly=true", keyId);
        assertThat(exposed.findValuesAsText("keyId")).contains(keyId);
        assertThat(exposed.findValuesAsText("cardSerial")).contains(serial);

        assertThat(courier.sync().listsFetched()).containsKey(lock.lockId());
        assertThat(courier.tap(lock, "UNLOCK").outcome()).isEqualTo(TapOutcome.OPENED);
        assertThat(encoded.tap(lock, "UNLOCK", clock).orElseThrow().verdict().reason()).isEqualTo(Reason.REVOKED);
    }

    @Test
    void aCardMarkedLostLosesItsKeysAtOnceAndGetsNewOnesWhenFound() {
        MutableClock clock = new MutableClock(Instant.now());
        LockSimulator lock = lock("Yard door", referenceConnection, clock);
        PhoneSimulator courier = phoneWithGrant(lock, clock);
        String serial = nextSerial();
        String card = card(serial);
        cardGrant(card, "siteId", site); // a site grant covers every enrolled lock of the site
        String keyId = eventually(card, keys -> keys.findValuesAsText("lockId").contains(lock.lockId()))
                .findValuesAsText("keyId").stream().filter(id -> lockOf(card, id).equals(lock.lockId())).findFirst().orElseThrow();
        CardSimulator encoded = encode(serial, card);
        assertThat(encoded.tap(lock, "UNLOCK", clock).orElseThrow().verdict().opens()).isTrue();

        assertThat(setState(card, serial, "LOST").status()).isEqualTo(200);
        assertThat(keys(card)).as("a lost card's keys are revoked at once").isEmpty();
        assertThat(exposure("/api/v1/trust/revocation-exposure", keyId).findValuesAsText("keyId")).contains(keyId);
        courier.sync();
        assertThat(courier.tap(lock, "UNLOCK").outcome()).isEqualTo(TapOutcome.OPENED);
        assertThat(encoded.tap(lock, "UNLOCK", clock).orElseThrow().verdict().reason()).isEqualTo(Reason.REVOKED);

        assertThat(setState(card, serial, "ACTIVE").status()).isEqualTo(200);
        assertThat(keys(card).findValuesAsText("keyId")).as("found again: new keys, never the revoked one")
                .isNotEmpty().doesNotContain(keyId);
    }

    @Test
    void aDriverWithoutCardHoldersGetsNoCardKeysAndRevokedCardKeysAreWithdrawnFromTheirDriver() {
        String phonesOnly = connection("Phones only", KeyWithdrawalTestPlugin.DRIVER_ID, Map.of("cards", "false"));
        String withCards = connection("Phones and cards", KeyWithdrawalTestPlugin.DRIVER_ID, Map.of("cards", "true"));
        String testSite = manager.post("/api/v1/sites", ApiCrudIT.site("Test site", "UTC")).id();
        String phoneLock = plainLock(testSite, "Phone lock", phonesOnly);
        String cardLock = plainLock(testSite, "Card lock", withCards);
        String card = card(nextSerial());
        String grant = cardGrant(card, "siteId", testSite);

        JsonNode keys = eventually(card, k -> k.size() == 1);
        assertThat(keys.findValuesAsText("lockId")).containsExactly(cardLock);
        assertThat(keys.get(0).get("format").asText()).isEqualTo("test-plain");
        String keyId = keys.get(0).get("keyId").asText();
        assertThat(new String(Base64.getDecoder().decode(keys.get(0).get("credential").asText())))
                .isEqualTo(keyId + "|" + cardLock + "|card:" + manager.get("/api/v1/cards/" + card).json().get("serialNumber").asText());

        manager.post("/api/v1/grants/" + grant + "/revoke", ApiClient.object().put("reason", "Done"));
        eventually(card, JsonNode::isEmpty);
        List<JsonNode> withdrawn = new ArrayList<>();
        for (int i = 0; i < 100 && withdrawn.isEmpty(); i++) {
            manager.get("/api/v1/locks/" + cardLock + "/events").json().get("items").forEach(event -> {
                if (event.get("type").asText().equals(KeyWithdrawalTestPlugin.WITHDRAWN)) {
                    withdrawn.add(event);
                }
            });
            pause();
        }
        assertThat(withdrawn).as("KeyIssuing.withdraw was called for the revoked card key").hasSize(1);
        assertThat(withdrawn.getFirst().get("details").get("keyId").asText()).isEqualTo(keyId);
        assertThat(manager.get("/api/v1/locks/" + phoneLock + "/events").json().get("items")).isEmpty();
    }

    // ---- fixtures

    static String connection(String name, String driver, Map<String, String> settings) {
        return server.get(ConnectionService.class).create(admin, new ConnectionDraft(name, driver, settings)).id();
    }

    /** A reference lock enrolled with a simulated lock's public key. */
    static LockSimulator lock(String name, String connectionId, MutableClock clock) {
        ObjectNode body = ApiCrudIT.lock(site, name).put("state", "PENDING_ENROLMENT").put("connectionId", connectionId)
                .put("vendorReference", "REF-" + name.replace(' ', '-'));
        Answer created = manager.post("/api/v1/locks", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return TrustFixtures.enrol(manager, created.id(), clock);
    }

    /** A lock of a test-plugin connection, enrolled without input. */
    static String plainLock(String siteId, String name, String connectionId) {
        ObjectNode body = ApiCrudIT.lock(siteId, name).put("state", "PENDING_ENROLMENT").put("connectionId", connectionId)
                .put("vendorReference", "TEST-" + name.replace(' ', '-'));
        Answer created = manager.post("/api/v1/locks", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String lockId = created.id();
        Answer enrolled = manager.post("/api/v1/trust/lock-enrolments", ApiClient.object().put("lockId", lockId));
        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(200);
        return lockId;
    }

    /** A person with a phone and a grant on {@code lock}: the phone carries the lock's lists. */
    static PhoneSimulator phoneWithGrant(LockSimulator lock, MutableClock clock) {
        people++;
        String personId = manager.post("/api/v1/people", ApiCrudIT.person("Courier " + people, "courier" + people + "@example.com")).id();
        PhoneSimulator phone = PhoneSimulator.create(URI.create(server.url("")), clock);
        phone.register(code(personId), "Courier phone " + people);
        ObjectNode grant = ApiClient.object().put("personId", personId).put("lockId", lock.lockId()).put("delivery", "PRE_ISSUED");
        grant.putArray("permissions").add("UNLOCK");
        assertThat(manager.post("/api/v1/grants", grant).status()).isEqualTo(201);
        for (int i = 0; i < 100 && phone.keys().isEmpty(); i++) {
            phone.sync();
            if (phone.keys().isEmpty()) {
                pause();
            }
        }
        assertThat(phone.keys()).isNotEmpty();
        return phone;
    }

    static String code(String personId) {
        Answer code = manager.post("/api/v1/trust/device-enrolment-codes", ApiClient.object().put("personId", personId));
        assertThat(code.status()).as(code.toString()).isEqualTo(201);
        return code.json().get("code").asText();
    }

    static String nextSerial() {
        return "%08X".formatted(0x04A10000 + ++serials);
    }

    static String card(String serial) {
        Answer created = manager.post("/api/v1/cards", ApiCrudIT.card("GENERIC_NFC", serial).put("label", "Card " + serial));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.id();
    }

    static String cardGrant(String cardId, String target, String targetId) {
        ObjectNode grant = ApiClient.object().put("cardId", cardId).put(target, targetId).put("delivery", "PRE_ISSUED");
        grant.putArray("permissions").add("UNLOCK");
        Answer created = manager.post("/api/v1/grants", grant);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.id();
    }

    static Answer setState(String cardId, String serial, String state) {
        return manager.put("/api/v1/cards/" + cardId, ApiCrudIT.card("GENERIC_NFC", serial).put("label", "Card " + serial)
                .put("state", state));
    }

    static JsonNode keys(String cardId) {
        Answer keys = manager.get("/api/v1/cards/" + cardId + "/keys");
        assertThat(keys.status()).as(keys.toString()).isEqualTo(200);
        return keys.json().get("keys");
    }

    static String lockOf(String cardId, String keyId) {
        for (JsonNode key : keys(cardId)) {
            if (key.get("keyId").asText().equals(keyId)) {
                return key.get("lockId").asText();
            }
        }
        return "";
    }

    /** The card's keys once they satisfy {@code done}: keys may follow a grant change on a worker. */
    static JsonNode eventually(String cardId, Predicate<JsonNode> done) {
        JsonNode keys = keys(cardId);
        for (int i = 0; i < 100 && !done.test(keys); i++) {
            pause();
            keys = keys(cardId);
        }
        assertThat(done.test(keys)).as("card keys " + keys).isTrue();
        return keys;
    }

    /** Writes the card's current keys onto a simulated card, as an encoder would. */
    static CardSimulator encode(String serial, String cardId) {
        CardSimulator card = new CardSimulator(serial);
        keys(cardId).forEach(key -> card.write(key.get("keyId").asText(), Base64.getDecoder().decode(key.get("credential").asText())));
        return card;
    }

    static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The exposure list once it names {@code keyId} (keys follow grants in the background), each answer a 200. */
    private JsonNode exposure(String path, String keyId) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        while (true) {
            Answer answer = manager.get(path);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            JsonNode items = answer.json().get("items");
            if (items.findValuesAsText("keyId").contains(keyId) || System.nanoTime() > deadline) {
                return items;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return items;
            }
        }
    }
}
