package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.drivers.connections.LockHealthReports;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.plugins.reference.PhoneSimulator;
import dev.portier.testing.PhoneMaterialTestPlugin;
import dev.portier.testing.RunningServer;
import dev.portier.web.api.ApiClient.Answer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phone material and lock health over real HTTP: a test driver publishes material for each of its locks and
 * for the whole connection and reports the locks' health; phones get exactly what their person's grants
 * cover, and the locks' REST representation carries the health.
 */
class PhoneMaterialIT {

    @TempDir
    static Path dir;
    static RunningServer server;
    static ApiClient manager;
    static String connectionId;
    static String harbour;
    static String depot;
    static String frontDoor;
    static String backDoor;
    static String depotGate;
    static String unpublished;
    static String betaLock;
    static int people;

    @BeforeAll
    static void start() throws Exception {
        PhoneMaterialTestPlugin.install(dir);
        server = RunningServer.withAdmin(dir);
        SignedInUser admin = ApiFixtures.admin(server);
        manager = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "Manager token"));
        connectionId = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Phone material",
                PhoneMaterialTestPlugin.DRIVER_ID, Map.of())).id();
        harbour = manager.post("/api/v1/sites", ApiCrudIT.site("Harbour", "UTC")).id();
        depot = manager.post("/api/v1/sites", ApiCrudIT.site("Depot", "UTC")).id();
        frontDoor = lockOfConnection(harbour, "Front door");
        backDoor = lockOfConnection(harbour, "Back door");
        depotGate = lockOfConnection(depot, "Gate depot");
        unpublished = manager.post("/api/v1/locks", ApiCrudIT.lock(depot, "Door without a driver")).id();
        SignedInUser inBeta = server.get(AccountService.class).create(admin, "Beta", "UTC");
        ApiClient beta = new ApiClient(server, ApiFixtures.token(server, inBeta, Role.MANAGER, "Beta token"));
        betaLock = beta.post("/api/v1/locks", ApiCrudIT.lock(beta.post("/api/v1/sites", ApiCrudIT.site("Beta", "UTC")).id(),
                "Beta door")).id();

        Answer published = manager.send("POST", "/api/plugins/" + PhoneMaterialTestPlugin.PLUGIN_ID + "/connections/"
                + connectionId + "/publish", "{}");
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        server.get(LockHealthReports.class).flush();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String lockOfConnection(String siteId, String name) {
        ObjectNode body = ApiCrudIT.lock(siteId, name).put("connectionId", connectionId).put("vendorReference", "V-" + name.hashCode());
        Answer created = manager.post("/api/v1/locks", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.id();
    }

    /** A new person with one registered phone, and the person's id. */
    static Phone personWithPhone() {
        people++;
        String personId = manager.post("/api/v1/people", ApiCrudIT.person("Person " + people, "m" + people + "@example.com")).id();
        PhoneSimulator phone = PhoneSimulator.create(URI.create(server.url("")), Clock.systemUTC());
        Answer code = manager.post("/api/v1/trust/device-enrolment-codes", ApiClient.object().put("personId", personId));
        phone.register(code.json().get("code").asText(), "Phone " + people);
        return new Phone(personId, manager.withToken(phone.deviceToken()));
    }

    record Phone(String personId, ApiClient api) {
        /** "name@lock" (lock "" for the connection's), each with its content decoded. */
        Map<String, String> material() {
            Answer answer = api.get("/api/v1/mobile/material");
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            Map<String, String> found = new java.util.TreeMap<>();
            for (JsonNode item : answer.json().get("material")) {
                assertThat(item.get("connectionId").asText()).isEqualTo(connectionId);
                assertThat(item.get("mediaType").asText()).isEqualTo("application/x-pem-file");
                String lock = item.get("lockId").isNull() ? "" : item.get("lockId").asText();
                found.put(item.get("name").asText() + "@" + lock,
                        new String(Base64.getDecoder().decode(item.get("content").asText()), StandardCharsets.UTF_8));
            }
            return found;
        }
    }

    static String grant(ObjectNode grant) {
        Answer created = manager.post("/api/v1/grants", grant);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.id();
    }

    static ObjectNode onLock(String personId, String lockId) {
        return ApiCrudIT.grant(personId, null).put("lockId", lockId);
    }

    @Test
    void aPhoneGetsTheMaterialOfTheLocksItsPersonHoldsAGrantForUntilTheGrantIsRevoked() {
        Phone holder = personWithPhone();
        Phone other = personWithPhone();
        String grantId = grant(onLock(holder.personId(), frontDoor));

        assertThat(holder.material()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "lock-certificate@" + frontDoor, "certificate of " + frontDoor,
                "intermediate@", "intermediate of " + connectionId));
        assertThat(other.material()).isEmpty();

        Answer whole = holder.api().get("/api/v1/mobile/material");
        JsonNode intermediate = whole.json().get("material").findParents("name").stream()
                .filter(n -> n.get("name").asText().equals("intermediate")).findFirst().orElseThrow();
        assertThat(intermediate.get("expiresAt").isNull()).isFalse();
        assertThat(intermediate.get("publishedAt").asText()).isNotBlank();

        Answer revoked = manager.post("/api/v1/grants/" + grantId + "/revoke", ApiClient.object().put("reason", "Left"));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(holder.material()).isEmpty();
    }

    @Test
    void aSiteGrantCoversEveryLockOfTheSiteAndAnExpiredGrantNothing() {
        Phone siteWide = personWithPhone();
        grant(ApiCrudIT.grant(siteWide.personId(), harbour));
        assertThat(siteWide.material().keySet()).containsExactlyInAnyOrder("lock-certificate@" + frontDoor,
                "lock-certificate@" + backDoor, "intermediate@");

        Phone expired = personWithPhone();
        grant(onLock(expired.personId(), depotGate).put("validFrom", "2020-01-01T00:00:00Z").put("validUntil", "2020-02-01T00:00:00Z"));
        grant(onLock(expired.personId(), unpublished));
        assertThat(expired.material()).isEmpty();
    }

    @Test
    void phonesAndManagersNeverReachAnotherAccountsLocks() {
        Phone phone = personWithPhone();
        List<Answer> answers = new ArrayList<>();
        answers.add(phone.api().get("/api/v1/mobile/locks/" + betaLock + "/enrolment/inputs"));
        answers.add(phone.api().post("/api/v1/mobile/locks/" + betaLock + "/enrolment", ApiClient.object().putObject("inputs")));
        answers.add(manager.get("/api/v1/locks/" + betaLock));
        answers.add(manager.get("/api/v1/locks/" + betaLock + "/enrolment/inputs"));
        answers.add(manager.post("/api/v1/locks/" + betaLock + "/enrolment", ApiClient.object().putObject("inputs")));
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isEqualTo(404));
        assertThat(manager.withToken("not a device token").get("/api/v1/mobile/material").status()).isEqualTo(401);
    }

    @Test
    void theLocksHealthIsInItsRestRepresentation() {
        JsonNode health = manager.get("/api/v1/locks/" + frontDoor).json().get("health");
        assertThat(health.get("online").asBoolean()).isTrue();
        assertThat(health.get("batteryPercent").asInt()).isEqualTo(15);
        assertThat(health.get("batteryLow").asBoolean()).isTrue();
        assertThat(health.get("firmware").asText()).isEqualTo("test-fw 1.2");
        assertThat(health.get("lastSeen").asText()).isNotBlank();
        assertThat(health.get("reportedAt").asText()).isNotBlank();
        assertThat(manager.get("/api/v1/locks/" + unpublished).json().get("health").isNull()).isTrue();

        JsonNode listed = manager.get("/api/v1/locks?siteId=" + depot).json().get("items");
        assertThat(listed.findValues("health").stream().filter(h -> !h.isNull()).map(h -> h.get("batteryPercent").asInt()))
                .containsExactly(15);
        assertThat(manager.get("/api/openapi.json").body()).contains("\"LockHealth\"", "\"PhoneMaterial\"");
    }
}
