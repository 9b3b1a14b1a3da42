package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.plugins.example.simulator.DoorControllerSimulator;
import dev.portier.plugins.reference.LockSimulator;
import dev.portier.plugins.reference.PhoneSimulator;
import dev.portier.testing.BundledPluginJar;
import dev.portier.testing.ExamplePlugin;
import dev.portier.testing.RunningServer;
import dev.portier.web.api.ApiClient.Answer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generic enrolment over real HTTP: the example plugin's door controller (serial number + installer code,
 * PUBLIC and SECRET material) and the reference plugin (a lock's public key), through the REST API and
 * from an installer's phone.
 */
class LockEnrolmentIT {

    static final String KEY = "enrolment-api-key-4711";

    @TempDir
    static Path dir;
    static RunningServer server;
    static DoorControllerSimulator controller;
    static ApiClient manager;
    static ApiClient viewer;
    static String doors;
    static String reference;
    static String site;
    static int count;

    @BeforeAll
    static void start() throws Exception {
        ExamplePlugin.install(dir);
        BundledPluginJar.install(dir, "reference");
        controller = DoorControllerSimulator.start(KEY);
        server = RunningServer.withAdminAndPrivateHttp(dir);
        SignedInUser admin = ApiFixtures.admin(server);
        manager = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "Manager token"));
        viewer = new ApiClient(server, ApiFixtures.token(server, admin, Role.VIEWER, "Viewer token"));
        ConnectionService connections = server.get(ConnectionService.class);
        doors = connections.create(admin, new ConnectionDraft("Doors", ExamplePlugin.DRIVER_ID,
                Map.of("baseUrl", controller.url(), "apiKey", KEY))).id();
        reference = connections.create(admin, new ConnectionDraft("Reference", "reference", Map.of("mode", "production"))).id();
        site = manager.post("/api/v1/sites", ApiCrudIT.site("Works", "UTC")).id();
    }

    @AfterAll
    static void stop() {
        server.close();
        controller.close();
    }

    /** A door of the controller and a pending lock for it in Portier. */
    static String pendingDoor() {
        count++;
        String door = "door-" + count;
        controller.addDoor(door);
        return pendingLock(doors, door);
    }

    static String pendingLock(String connectionId, String vendorReference) {
        ObjectNode body = ApiCrudIT.lock(site, "Lock " + vendorReference).put("state", "PENDING_ENROLMENT")
                .put("connectionId", connectionId).put("vendorReference", vendorReference);
        Answer created = manager.post("/api/v1/locks", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.id();
    }

    static ObjectNode inputs(String serialNumber, String installerCode) {
        ObjectNode body = ApiClient.object();
        ObjectNode inputs = body.putObject("inputs");
        if (serialNumber != null) {
            inputs.put("serialNumber", serialNumber);
        }
        if (installerCode != null) {
            inputs.put("installerCode", installerCode);
        }
        return body;
    }

    @Test
    void theRestApiNamesTheDriversInputsAndEnrolsWithThemShowingRefusalsAtTheirInput() {
        String lockId = pendingDoor();
        Answer inputs = viewer.get("/api/v1/locks/" + lockId + "/enrolment/inputs");
        assertThat(inputs.status()).as(inputs.toString()).isEqualTo(200);
        List<JsonNode> declared = StreamSupport.stream(inputs.json().get("inputs").spliterator(), false).toList();
        assertThat(declared).extracting(i -> i.get("key").asText()).containsExactly("serialNumber", "installerCode");
        assertThat(declared).extracting(i -> i.get("secret").asBoolean()).containsExactly(false, true);
        assertThat(declared).extracting(i -> i.get("required").asBoolean()).containsExactly(true, true);
        assertThat(declared.getFirst().get("label").asText()).isEqualTo("Serial number");

        String path = "/api/v1/locks/" + lockId + "/enrolment";
        assertThat(viewer.post(path, inputs("SN-door-" + count, "1234")).status()).isEqualTo(403);
        Answer missing = manager.post(path, inputs(null, "1234"));
        assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
        assertThat(missing.field()).isEqualTo("serialNumber");
        Answer wrongCode = manager.post(path, inputs("SN-door-" + count, "9999"));
        assertThat(wrongCode.status()).as(wrongCode.toString()).isEqualTo(400);
        assertThat(wrongCode.field()).isEqualTo("installerCode");
        Answer wrongSerial = manager.post(path, inputs("SN-nothing", DoorControllerSimulator.DEFAULT_INSTALLER_CODE));
        assertThat(wrongSerial.field()).isEqualTo("serialNumber");
        assertThat(manager.get("/api/v1/locks/" + lockId).json().get("state").asText()).isEqualTo("PENDING_ENROLMENT");

        Answer enrolled = manager.post(path, inputs("SN-door-" + count, DoorControllerSimulator.DEFAULT_INSTALLER_CODE));
        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(200);
        assertThat(enrolled.json().get("material").findValuesAsText("name")).containsExactlyInAnyOrder("publicLabel", "installerToken");
        assertThat(enrolled.json().get("material").findValuesAsText("visibility")).containsExactlyInAnyOrder("PUBLIC", "SECRET");
        assertThat(enrolled.body()).doesNotContain("tok-door-").doesNotContain("content");
        assertThat(manager.get("/api/v1/locks/" + lockId).json().get("state").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void theReferencePluginsLockEnrolsWithItsPublicKeyThroughTheSameApi() {
        String lockId = pendingLock(reference, "REF-" + (++count));
        Answer inputs = manager.get("/api/v1/locks/" + lockId + "/enrolment/inputs");
        assertThat(inputs.json().get("inputs").findValuesAsText("key")).containsExactly("publicKey");
        Answer refused = manager.post("/api/v1/locks/" + lockId + "/enrolment", inputsOf("publicKey", "not-a-key"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.field()).isEqualTo("publicKey");

        String publicKey = Base64.getUrlEncoder().withoutPadding().encodeToString(LockSimulator.publicKeyOf(LockSimulator.newIdentityKey()));
        Answer enrolled = manager.post("/api/v1/locks/" + lockId + "/enrolment", inputsOf("publicKey", publicKey));
        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(200);
        assertThat(enrolled.json().get("publicKey").asText()).isEqualTo(publicKey);
    }

    @Test
    void anInstallersPhoneEnrolsAPendingLockItsPersonHasAGrantForAndNothingElse() {
        String lockId = pendingDoor();
        String serial = "SN-door-" + count;
        Installer installer = installer();
        Installer stranger = installer();
        grant(installer.personId(), lockId);

        Answer strangerInputs = stranger.phone().get("/api/v1/mobile/locks/" + lockId + "/enrolment/inputs");
        assertThat(strangerInputs.status()).as(strangerInputs.toString()).isEqualTo(403);
        Answer strangerEnrol = stranger.phone().post("/api/v1/mobile/locks/" + lockId + "/enrolment",
                inputs(serial, DoorControllerSimulator.DEFAULT_INSTALLER_CODE));
        assertThat(strangerEnrol.status()).as(strangerEnrol.toString()).isEqualTo(403);

        Answer inputs = installer.phone().get("/api/v1/mobile/locks/" + lockId + "/enrolment/inputs");
        assertThat(inputs.status()).as(inputs.toString()).isEqualTo(200);
        assertThat(inputs.json().get("inputs").findValuesAsText("key")).containsExactly("serialNumber", "installerCode");
        Answer wrongCode = installer.phone().post("/api/v1/mobile/locks/" + lockId + "/enrolment", inputs(serial, "0000"));
        assertThat(wrongCode.status()).as(wrongCode.toString()).isEqualTo(400);
        assertThat(wrongCode.field()).isEqualTo("installerCode");

        Answer enrolled = installer.phone().post("/api/v1/mobile/locks/" + lockId + "/enrolment",
                inputs(serial, DoorControllerSimulator.DEFAULT_INSTALLER_CODE));
        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(200);
        assertThat(enrolled.json().get("enrolledBy").asText()).startsWith("phone ");
        assertThat(manager.get("/api/v1/locks/" + lockId).json().get("state").asText()).isEqualTo("ACTIVE");

        // Enrolled now: a phone cannot replace its identity; the back office can.
        Answer again = installer.phone().post("/api/v1/mobile/locks/" + lockId + "/enrolment",
                inputs(serial, DoorControllerSimulator.DEFAULT_INSTALLER_CODE));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);

        // The driver published the door's public label for phones; the installer's grant brings it.
        Answer material = installer.phone().get("/api/v1/mobile/material");
        JsonNode label = material.json().get("material").get(0);
        assertThat(label.get("name").asText()).isEqualTo("publicLabel");
        assertThat(label.get("lockId").asText()).isEqualTo(lockId);
        assertThat(new String(Base64.getDecoder().decode(label.get("content").asText()), StandardCharsets.UTF_8)).isNotBlank();
        assertThat(stranger.phone().get("/api/v1/mobile/material").json().get("material")).isEmpty();
    }

    @Test
    void aPhoneCannotEnrolAnActiveLockEvenWithAGrant() {
        count++;
        controller.addDoor("door-" + count);
        ObjectNode body = ApiCrudIT.lock(site, "Active door " + count).put("connectionId", doors).put("vendorReference", "door-" + count);
        String lockId = manager.post("/api/v1/locks", body).id();
        Installer installer = installer();
        grant(installer.personId(), lockId);
        Answer refused = installer.phone().post("/api/v1/mobile/locks/" + lockId + "/enrolment",
                inputs("SN-door-" + count, DoorControllerSimulator.DEFAULT_INSTALLER_CODE));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    }

    record Installer(String personId, ApiClient phone) {
    }

    static Installer installer() {
        count++;
        String personId = manager.post("/api/v1/people", ApiCrudIT.person("Installer " + count, "i" + count + "@example.com")).id();
        PhoneSimulator phone = PhoneSimulator.create(URI.create(server.url("")), Clock.systemUTC());
        Answer code = manager.post("/api/v1/trust/device-enrolment-codes", ApiClient.object().put("personId", personId));
        phone.register(code.json().get("code").asText(), "Installer phone " + count);
        return new Installer(personId, manager.withToken(phone.deviceToken()));
    }

    static void grant(String personId, String lockId) {
        Answer created = manager.post("/api/v1/grants", ApiCrudIT.grant(personId, null).put("lockId", lockId));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    static ObjectNode inputsOf(String key, String value) {
        ObjectNode body = ApiClient.object();
        body.putObject("inputs").put(key, value);
        return body;
    }
}
