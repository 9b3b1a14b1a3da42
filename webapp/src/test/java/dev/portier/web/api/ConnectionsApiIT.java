package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.plugins.example.simulator.DoorControllerSimulator;
import dev.portier.testing.ExamplePlugin;
import dev.portier.testing.RunningServer;
import dev.portier.web.api.ApiClient.Answer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/v1/connections} over real HTTP against the example plugin's door controller simulator:
 * create with a secret (never echoed), test against the vendor, list with status; MANAGER to change,
 * another account's ids 404, documented in the OpenAPI document.
 */
class ConnectionsApiIT {

    static final String KEY = "connections-api-key-0815";

    @TempDir
    static Path dir;
    static RunningServer server;
    static DoorControllerSimulator controller;
    static ApiClient manager;
    static ApiClient viewer;
    static ApiClient other;

    @BeforeAll
    static void start() throws Exception {
        ExamplePlugin.install(dir);
        controller = DoorControllerSimulator.start(KEY);
        server = RunningServer.withAdminAndPrivateHttp(dir);
        SignedInUser admin = ApiFixtures.admin(server);
        manager = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "Manager token"));
        viewer = new ApiClient(server, ApiFixtures.token(server, admin, Role.VIEWER, "Viewer token"));
        SignedInUser inOther = server.get(AccountService.class).create(admin, "Other", "UTC");
        other = new ApiClient(server, ApiFixtures.token(server, inOther, Role.MANAGER, "Other token"));
    }

    @AfterAll
    static void stop() {
        server.close();
        controller.close();
    }

    static ObjectNode body(String name, String apiKey) {
        ObjectNode body = ApiClient.object().put("name", name).put("driverId", ExamplePlugin.DRIVER_ID);
        body.putObject("settings").put("baseUrl", controller.url()).put("apiKey", apiKey);
        return body;
    }

    @Test
    void createsWithSecretTestsAndListsWithoutEverEchoingTheSecret() {
        Answer created = manager.post("/api/v1/connections", body("Doors", KEY));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Location")).hasValueSatisfying(l -> l.endsWith("/" + created.id()));
        assertThat(created.body()).doesNotContain(KEY);
        assertThat(created.json().get("storedSecrets").toString()).isEqualTo("[\"apiKey\"]");
        assertThat(created.json().get("settings").get("baseUrl").asText()).isEqualTo(controller.url());
        assertThat(created.json().get("settings").has("apiKey")).isFalse();

        Answer tested = manager.post("/api/v1/connections/" + created.id() + "/test", null);
        assertThat(tested.status()).as(tested.toString()).isEqualTo(200);
        assertThat(tested.json().get("status").get("state").asText()).isEqualTo("ONLINE");
        assertThat(tested.body()).doesNotContain(KEY);

        Answer list = viewer.get("/api/v1/connections");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(KEY);
        JsonNode item = null;
        for (JsonNode candidate : list.json().get("items")) {
            if (candidate.get("id").asText().equals(created.id())) {
                item = candidate;
            }
        }
        assertThat(item).as(list.toString()).isNotNull();
        assertThat(item.get("status").get("state").asText()).isEqualTo("ONLINE");
        assertThat(viewer.get("/api/v1/connections/" + created.id()).json().get("name").asText()).isEqualTo("Doors");
    }

    @Test
    void aSecretTheVendorRefusesIsA400AtItsFieldNotEchoedAndNothingIsStored() {
        int total = manager.get("/api/v1/connections").json().get("total").asInt();
        String wrong = "wrong-key-" + System.nanoTime();
        Answer refused = manager.post("/api/v1/connections", body("Doors with a wrong key", wrong));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.field()).isEqualTo("apiKey");
        assertThat(refused.body()).doesNotContain(wrong);
        assertThat(manager.get("/api/v1/connections").json().get("total").asInt()).isEqualTo(total);
    }

    @Test
    void viewersCannotCreateOrTest() {
        String before = manager.get("/api/v1/connections").body();
        Answer refused = viewer.post("/api/v1/connections", body("Viewer's doors", KEY));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        String id = manager.post("/api/v1/connections", body("Doors for viewers", KEY)).id();
        assertThat(viewer.post("/api/v1/connections/" + id + "/test", null).status()).isEqualTo(403);
        assertThat(manager.get("/api/v1/connections").body()).doesNotContain("Viewer's doors");
        assertThat(before).doesNotContain("Viewer's doors");
    }

    @Test
    void badInputIsA400AndChangesNothing() {
        int total = manager.get("/api/v1/connections").json().get("total").asInt();
        Answer noDriver = manager.post("/api/v1/connections", ApiClient.object().put("name", "Nothing").put("driverId", "no-such-driver"));
        assertThat(noDriver.status()).as(noDriver.toString()).isEqualTo(400);
        ObjectNode noKey = body("No key", KEY);
        ((ObjectNode) noKey.get("settings")).remove("apiKey");
        Answer missing = manager.post("/api/v1/connections", noKey);
        assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
        assertThat(missing.field()).isEqualTo("apiKey");
        assertThat(manager.get("/api/v1/connections").json().get("total").asInt()).isEqualTo(total);
    }

    @Test
    void anotherAccountsConnectionsAre404AndNotListed() {
        String id = manager.post("/api/v1/connections", body("Private doors", KEY)).id();
        assertThat(other.get("/api/v1/connections/" + id).status()).isEqualTo(404);
        assertThat(other.post("/api/v1/connections/" + id + "/test", null).status()).isEqualTo(404);
        assertThat(other.get("/api/v1/connections").body()).doesNotContain(id).doesNotContain("Private doors");
    }

    @Test
    void theOpenApiDocumentDescribesTheConnections() {
        JsonNode paths = manager.withToken(null).get("/api/openapi.json").json().get("paths");
        assertThat(paths.has("/api/v1/connections")).as(paths.fieldNames().toString()).isTrue();
        assertThat(paths.get("/api/v1/connections").has("post")).isTrue();
        assertThat(paths.get("/api/v1/connections").has("get")).isTrue();
        assertThat(paths.get("/api/v1/connections/{id}/test").get("post").get("operationId").asText()).isEqualTo("testConnection");
    }
}
