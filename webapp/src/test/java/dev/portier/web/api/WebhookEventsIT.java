package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.drivers.connections.CertificateExpiryWarnings;
import dev.portier.drivers.connections.ConnectionCertificates;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionRuntime;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.drivers.pulling.PullTiming;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.webhooks.WebhookEventType;
import dev.portier.plugin.api.GrantSync;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.plugins.example.simulator.DoorControllerSimulator;
import dev.portier.plugins.reference.PhoneSimulator;
import dev.portier.testing.BundledPluginJar;
import dev.portier.testing.ExamplePlugin;
import dev.portier.testing.RunningServer;
import dev.portier.testing.StandardWebhooksVerifier;
import dev.portier.testing.StandardWebhooksVerifier.Verdict;
import dev.portier.testing.WebhookReceiver;
import dev.portier.testing.WebhookReceiver.Received;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every event type reaches a subscribed endpoint, each produced by the real action that causes it: grants through
 * the API, synced by the example plugin's driver to its door controller simulator (applied, refused at the rule
 * limit, revocation confirmed), commands and pulled lock events through that driver, the connection going offline,
 * keys issued to and revoked from a phone by the reference plugin's trust service, a reservation, and a connection's
 * certificate nearing expiry (the InVue sandbox). The receiver verifies each with the Standard Webhooks library.
 */
class WebhookEventsIT {

    static final String KEY = "webhook-events-key";

    @TempDir
    Path dir;
    RunningServer server;
    WebhookReceiver receiver;
    DoorControllerSimulator controller;

    @BeforeAll
    static void installVerifier() throws Exception {
        StandardWebhooksVerifier.install();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    void everyEventTypeArrivesFromTheActionThatCausesItAndVerifies() throws Exception {
        ExamplePlugin.install(dir);
        BundledPluginJar.install(dir, "reference");
        controller = DoorControllerSimulator.start(KEY);
        controller.addDoor("front");
        controller.addDoor("back");
        receiver = WebhookReceiver.start();
        server = RunningServer.withAdminAndPrivateHttp(dir, new PullTiming(Duration.ofMillis(50), Duration.ofMillis(500),
                Duration.ofMillis(200), Duration.ofSeconds(1), 20));
        SignedInUser admin = server.admin();
        ApiClient api = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "events"));
        List<String> all = Arrays.stream(WebhookEventType.values()).filter(t -> t != WebhookEventType.WEBHOOK_TEST)
                .map(WebhookEventType::wireName).toList();
        ApiClient.Answer hook = api.post("/api/v1/webhooks", WebhooksApiIT.hook(receiver.url("/all"), all));
        assertThat(hook.status()).as(hook.toString()).isEqualTo(201);
        String secret = hook.text("secret");

        String site = api.post("/api/v1/sites", ApiCrudIT.site("Harbour", "UTC")).id();
        String person = api.post("/api/v1/people", ApiCrudIT.person("Robin", "robin@example.com")).id();
        String doors = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Doors", ExamplePlugin.DRIVER_ID,
                Map.of("baseUrl", controller.url(), "apiKey", KEY, "pollInterval", "5"))).id();
        String front = server.get(LockService.class).create(admin, new LockDraft(site, "Front door", LockKind.DOOR, null, "front",
                LockState.ACTIVE, doors)).id();
        String back = server.get(LockService.class).create(admin, new LockDraft(site, "Back door", LockKind.DOOR, null, "back",
                LockState.ACTIVE, doors)).id();
        WebhookReceiver.await("the door connection runs", Duration.ofSeconds(30),
                () -> server.get(ConnectionRuntime.class).offers(doors, GrantSync.class));

        // Grants: created, changed, revoked; each synced to the controller, the revocation confirmed.
        String grant = api.post("/api/v1/grants", grant(person, front)).id();
        awaitType("grant.sync_applied");
        assertThat(api.put("/api/v1/grants/" + grant, grant(person, front).put("validUntil",
                Instant.now().plus(Duration.ofDays(9)).toString())).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/grants/" + grant + "/revoke", Map.of("reason", "Moved out")).status()).isEqualTo(200);
        awaitType("revocation.confirmed");
        // The controller is full: the vendor refuses, the sync fails.
        controller.ruleLimit(0);
        api.post("/api/v1/grants", grant(person, back));
        awaitType("grant.sync_failed");

        // Commands through the driver: one it carries out, one it cannot.
        assertThat(api.post("/api/v1/locks/" + front + "/commands", Map.of("type", "UNLOCK")).text("status")).isEqualTo("COMPLETED");
        assertThat(api.post("/api/v1/locks/" + front + "/commands", Map.of("type", "LOCATE")).text("status")).isEqualTo("FAILED");
        // A lock event pulled from the controller's log, with its entry number.
        long entry = controller.logByHand("front", "ACCESS_GRANTED");
        awaitType("lock.event");

        // Keys: a phone enrolled with the reference plugin's trust service gets a key, and loses it with the grant.
        String trust = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Reference locks", "reference",
                Map.of("mode", "production"))).id();
        String vault = api.post("/api/v1/locks", ApiCrudIT.lock(site, "Vault").put("connectionId", trust)
                .put("vendorReference", "REF-1")).id();
        TrustFixtures.enrol(api, vault, Clock.systemUTC());
        String code = api.post("/api/v1/trust/device-enrolment-codes", ApiClient.object().put("personId", person))
                .json().get("code").asText();
        PhoneSimulator phone = PhoneSimulator.create(URI.create(server.url("")), Clock.systemUTC());
        phone.register(code, "Robin's phone");
        String vaultGrant = api.post("/api/v1/grants", grant(person, vault)).id();
        phone.sync();
        awaitType("key.issued");
        api.post("/api/v1/grants/" + vaultGrant + "/revoke", Map.of("reason", "Done"));
        phone.sync();
        awaitType("key.revoked");

        // A reservation of a vehicle.
        String van = api.post("/api/v1/locks", ReservationsApiIT.vehicle(site, "Van", null, null)).id();
        ObjectNode booking = ApiClient.object().put("lockId", van).put("personId", person)
                .put("begin", Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES).toString())
                .put("end", Instant.now().plus(Duration.ofHours(5)).truncatedTo(ChronoUnit.MINUTES).toString());
        booking.putArray("permissions").add("Unlock");
        ApiClient.Answer reservation = api.post("/api/v1/reservations", booking);
        assertThat(reservation.status()).as(reservation.toString()).isEqualTo(201);
        awaitType("reservation.updated");

        // The controller goes away: the connection's test finds it offline.
        controller.close();
        controller = null;
        api.post("/api/v1/connections/" + doors + "/test", null);
        awaitType("connection.status_changed");

        WebhookReceiver.await("everything delivered", Duration.ofSeconds(20), () -> receiver.started() == receiver.received().size());
        List<Received> received = receiver.received();
        List<Verdict> verdicts = StandardWebhooksVerifier.verify(secret, received);
        assertThat(verdicts).extracting(Verdict::ok).containsOnly(true);
        Set<String> types = verdicts.stream().map(Verdict::type).collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = new TreeSet<>(all);
        expected.remove("certificate.expiring"); // the next test: it needs the clock moved
        assertThat(types).isEqualTo(expected);

        JsonNode lockEvent = body(received, "lock.event", "ACCESS_GRANTED");
        assertThat(lockEvent.get("data").get("lockId").asText()).isEqualTo(front);
        assertThat(lockEvent.get("data").get("entryNumber").asLong()).isEqualTo(entry);
        assertThat(api.get("/api/v1/locks/" + lockEvent.get("data").get("lockId").asText()).status()).isEqualTo(200);
        JsonNode failed = body(received, "command.failed", "LOCATE");
        assertThat(failed.get("data").get("lockId").asText()).isEqualTo(front);
        assertThat(body(received, "grant.sync_failed", back).get("data").get("error").asText()).isNotBlank();
        assertThat(body(received, "connection.status_changed", doors).get("data").get("state").asText()).isEqualTo("OFFLINE");
        assertThat(body(received, "reservation.updated", reservation.id()).get("data").get("state").asText()).isEqualTo("SCHEDULED");
        assertThat(body(received, "key.issued", vault).get("data").get("grantId").asText()).isEqualTo(vaultGrant);
    }

    @Test
    void aCertificateNearingExpiryIsAnnounced() throws Exception {
        BundledPluginJar.install(dir, "invue");
        receiver = WebhookReceiver.start();
        MutableClock clock = new MutableClock(Instant.now());
        server = RunningServer.withAdminAndPrivateHttp(dir, clock);
        SignedInUser admin = server.admin();
        ApiClient api = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "certs"));
        assertThat(api.post("/api/v1/webhooks", WebhooksApiIT.hook(receiver.url("/certs"), List.of("certificate.expiring")))
                .status()).isEqualTo(201);
        String site = api.post("/api/v1/sites", ApiCrudIT.site("Shop", "UTC")).id();
        String connection = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Shop InVue", "invue",
                Map.of("mode", "sandbox"))).id();
        server.get(LockService.class).create(admin, new LockDraft(site, "Till", LockKind.CABINET, null, "0000051a00000005",
                LockState.PENDING_ENROLMENT, connection));
        ConnectionCertificates.Certificate certificate = null;
        for (int i = 0; i < 100 && certificate == null; i++) {
            certificate = server.get(ConnectionCertificates.class).of(admin, connection).stream().findFirst().orElse(null);
            Thread.sleep(100);
        }
        assertThat(certificate).as("the InVue driver published its intermediate certificate").isNotNull();

        clock.set(certificate.notAfter().minus(Duration.ofDays(6)));
        assertThat(server.get(CertificateExpiryWarnings.class).check()).isEqualTo(1);
        WebhookReceiver.await("certificate.expiring", Duration.ofSeconds(20), () -> !receiver.received().isEmpty());
        JsonNode event = ApiClient.JSON.readTree(receiver.received().getFirst().body());
        assertThat(event.get("type").asText()).isEqualTo("certificate.expiring");
        assertThat(event.get("data").get("connectionId").asText()).isEqualTo(connection);
        assertThat(event.get("data").get("daysAhead").asInt()).isEqualTo(7);
        assertThat(event.get("data").get("expiresAt").asText()).isEqualTo(certificate.notAfter().toString());
        assertThat(server.get(CertificateExpiryWarnings.class).check()).as("given once").isZero();
        Thread.sleep(1000);
        assertThat(receiver.received()).hasSize(1);
    }

    private void awaitType(String type) throws InterruptedException {
        WebhookReceiver.await(type, Duration.ofSeconds(40),
                () -> receiver.received().stream().anyMatch(r -> r.body().contains("\"type\":\"" + type + "\"")));
    }

    private static JsonNode body(List<Received> received, String type, String containing) throws Exception {
        for (Received r : received) {
            if (r.body().contains("\"type\":\"" + type + "\"") && r.body().contains(containing)) {
                return ApiClient.JSON.readTree(r.body());
            }
        }
        throw new AssertionError("No " + type + " containing " + containing);
    }

    private static ObjectNode grant(String person, String lock) {
        ObjectNode grant = ApiClient.object().put("personId", person).put("lockId", lock).put("delivery", "PRE_ISSUED");
        grant.putArray("permissions").add("UNLOCK");
        return grant;
    }
}
