package dev.portier.drivers.plugins;

import dev.portier.web.server.PluginEndpointServlet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portier.testing.RunningServer;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import java.util.Map;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin HTTP endpoints over real HTTP, with broken and hanging plugins installed: the host stays healthy. */
class PluginEndpointsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static RunningServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static String good;
    static String otherGood;
    static String boom;
    static String hang;

    @BeforeAll
    static void start() throws IOException {
        TestPlugins.install(dir);
        server = RunningServer.withAdmin(dir);
        good = connection("Good", "good-driver", "GOOD-1");
        otherGood = connection("Other good", "good-driver", "GOOD-2");
        boom = connection("Boom", "boom-driver", "BOOM");
        hang = connection("Hang", "hang-driver", "HANG");
    }

    private static String connection(String name, String driver, String siteCode) {
        return server.get(ConnectionService.class).create(server.admin(), new ConnectionDraft(name, driver,
                Map.of("siteCode", siteCode))).id();
    }

    private static String url(String plugin, String connectionId, String rest) {
        return "/api/plugins/" + plugin + "/connections/" + connectionId + rest;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theHostIsHealthyWithBrokenPluginsInstalled() throws Exception {
        assertHealthy();
    }

    @Test
    void aRequestReachesThePluginWithMethodPathQueryAndBody() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(url("good-plugin", good, "/echo?who=Unloc%20cloud")))
                .POST(HttpRequest.BodyPublishers.ofString("hello")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("method").asText()).isEqualTo("POST");
        assertThat(body.get("path").asText()).isEqualTo("/echo");
        assertThat(body.get("who").asText()).isEqualTo("Unloc cloud");
        assertThat(body.get("body").asText()).isEqualTo("hello");
        assertThat(body.get("connection").asText()).as("the driver of the connection named in the URL").isEqualTo(good);
        assertThat(body.get("siteCode").asText()).isEqualTo("GOOD-1");
        assertThat(body.get("ownLoader").asBoolean()).as("the plugin's class loader is the context class loader").isTrue();

        HttpResponse<String> unknownPath = send(HttpRequest.newBuilder(uri(url("good-plugin", good, "/nothing"))).GET());
        assertThat(unknownPath.statusCode()).as("the plugin's own answer").isEqualTo(404);
        assertThat(unknownPath.body()).isEqualTo("{\"error\":\"no such endpoint\"}");
    }

    @Test
    void eachConnectionsDriverAnswersOnlyAtItsOwnUrl() throws Exception {
        JsonNode other = JSON.readTree(send(HttpRequest.newBuilder(uri(url("good-plugin", otherGood, "/echo"))).GET()).body());
        assertThat(other.get("connection").asText()).isEqualTo(otherGood);
        assertThat(other.get("siteCode").asText()).isEqualTo("GOOD-2");
    }

    @Test
    void unknownPluginsConnectionsAndOtherPluginsConnectionsAre404() throws Exception {
        assertError(send(HttpRequest.newBuilder(uri(url("good-plugin", "no-such-connection", "/echo"))).GET()), 404,
                "No running connection no-such-connection of plugin good-plugin");
        assertError(send(HttpRequest.newBuilder(uri(url("good-plugin", boom, "/echo"))).GET()), 404,
                "No running connection " + boom + " of plugin good-plugin");
        assertError(send(HttpRequest.newBuilder(uri(url("nobody", good, "/x"))).GET()), 404,
                "No running connection " + good + " of plugin nobody");
        assertError(send(HttpRequest.newBuilder(uri("/api/plugins/boom-plugin/webhook")).GET()), 404,
                "Name a connection: /api/plugins/boom-plugin/connections/{connectionId}/…");
        assertError(send(HttpRequest.newBuilder(uri("/api/plugins/")).GET()), 404,
                "Name a plugin: /api/plugins/{pluginId}/connections/{connectionId}/…");
    }

    @Test
    void theOldConnectionlessUrlIsRoutedByThePluginForOneRelease() throws Exception {
        JsonNode routed = JSON.readTree(send(HttpRequest.newBuilder(uri("/api/plugins/good-plugin/echo"))
                .header("X-Site-Code", "GOOD-2").GET()).body());
        assertThat(routed.get("connection").asText()).isEqualTo(otherGood);
        HttpResponse<String> nowhere = send(HttpRequest.newBuilder(uri("/api/plugins/good-plugin/echo"))
                .header("X-Site-Code", "NOBODY").GET());
        assertThat(nowhere.statusCode()).isEqualTo(401);
    }

    @Test
    void theRestApiBesideItIsStillJersey() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/sites")).GET());
        assertThat(response.statusCode()).as("Jersey asks for a token").isEqualTo(401);
    }

    @Test
    void aThrowingHandlerIs502AndTheHostCarriesOn() throws Exception {
        assertError(send(HttpRequest.newBuilder(uri(url("boom-plugin", boom, "/webhook"))).POST(HttpRequest.BodyPublishers.ofString("{}"))),
                502, "Boom: answer POST /webhook failed: IllegalStateException: " + TestPlugins.VENDOR_ERROR);
        assertHealthy();
        assertThat(send(HttpRequest.newBuilder(uri(url("good-plugin", good, "/echo"))).GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void aHangingHandlerIs504AfterItsTimeLimitWhileTheHostKeepsAnswering() throws Exception {
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> hanging = http.sendAsync(
                HttpRequest.newBuilder(uri(url("hang-plugin", hang, "/check-access"))).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(500);
        assertHealthy();
        assertThat(send(HttpRequest.newBuilder(uri(url("good-plugin", good, "/echo"))).GET()).statusCode()).isEqualTo(200);

        HttpResponse<String> response = hanging.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertError(response, 504, "Hang: answer GET /check-access did not answer within 10 s and was abandoned");
        assertThat(took).isBetween(DriverCalls.DEFAULT_LIMIT.minusSeconds(1), DriverCalls.DEFAULT_LIMIT.plusSeconds(10));
        assertHealthy();
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedBeforeThePluginSeesIt() throws Exception {
        byte[] big = new byte[PluginEndpointServlet.MAX_BODY_BYTES + 1];
        HttpResponse<String> refused;
        try {
            refused = send(HttpRequest.newBuilder(uri(url("good-plugin", good, "/echo"))).POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        } catch (IOException staleConnection) {
            // The client may pick a pooled connection the server has just closed (a busy CI machine): the
            // request never reached Portier. Sent again, it must be refused the same way.
            refused = send(HttpRequest.newBuilder(uri(url("good-plugin", good, "/echo"))).POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        }
        assertError(refused, 413, "The request body is larger than 1 MiB");
    }

    private void assertHealthy() throws Exception {
        HttpResponse<String> health = server.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("UP");
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo(message);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create(server.url(path));
    }
}
