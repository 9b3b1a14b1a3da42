package dev.portier.drivers.plugins;

import dev.portier.web.server.PluginEndpointServlet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portier.testing.RunningServer;
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

    @BeforeAll
    static void start() throws IOException {
        TestPlugins.install(dir);
        server = RunningServer.withAdmin(dir);
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
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/plugins/good-plugin/echo?who=Unloc%20cloud"))
                .POST(HttpRequest.BodyPublishers.ofString("hello")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("method").asText()).isEqualTo("POST");
        assertThat(body.get("path").asText()).isEqualTo("/echo");
        assertThat(body.get("who").asText()).isEqualTo("Unloc cloud");
        assertThat(body.get("body").asText()).isEqualTo("hello");
        assertThat(body.get("connections").asInt()).as("no connections run yet").isZero();
        assertThat(body.get("ownLoader").asBoolean()).as("the plugin's class loader is the context class loader").isTrue();

        HttpResponse<String> unknownPath = send(HttpRequest.newBuilder(uri("/api/plugins/good-plugin/nothing")).GET());
        assertThat(unknownPath.statusCode()).as("the plugin's own answer").isEqualTo(404);
        assertThat(unknownPath.body()).isEqualTo("{\"error\":\"no such endpoint\"}");
    }

    @Test
    void unknownPluginsAndPluginsWithoutEndpointsAre404() throws Exception {
        assertError(send(HttpRequest.newBuilder(uri("/api/plugins/nobody/x")).GET()), 404,
                "No started plugin nobody serves HTTP endpoints");
        assertError(send(HttpRequest.newBuilder(uri("/api/plugins/broken-start/x")).GET()), 404,
                "No started plugin broken-start serves HTTP endpoints");
        assertError(send(HttpRequest.newBuilder(uri("/api/plugins/liar-plugin/x")).GET()), 404,
                "No started plugin liar-plugin serves HTTP endpoints");
        assertError(send(HttpRequest.newBuilder(uri("/api/plugins/")).GET()), 404, "Name a plugin: /api/plugins/{pluginId}/…");
    }

    @Test
    void theRestApiBesideItIsStillJersey() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/sites")).GET());
        assertThat(response.statusCode()).as("Jersey asks for a token").isEqualTo(401);
    }

    @Test
    void aThrowingHandlerIs502AndTheHostCarriesOn() throws Exception {
        assertError(send(HttpRequest.newBuilder(uri("/api/plugins/boom-plugin/webhook")).POST(HttpRequest.BodyPublishers.ofString("{}"))),
                502, "boom-plugin: POST /webhook failed: IllegalStateException: " + TestPlugins.VENDOR_ERROR);
        assertHealthy();
        assertThat(send(HttpRequest.newBuilder(uri("/api/plugins/good-plugin/echo")).GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void aHangingHandlerIs504AfterItsTimeLimitWhileTheHostKeepsAnswering() throws Exception {
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> hanging = http.sendAsync(
                HttpRequest.newBuilder(uri("/api/plugins/hang-plugin/check-access")).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(500);
        assertHealthy();
        assertThat(send(HttpRequest.newBuilder(uri("/api/plugins/good-plugin/echo")).GET()).statusCode()).isEqualTo(200);

        HttpResponse<String> response = hanging.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertError(response, 504, "hang-plugin: GET /check-access did not answer within 10 s and was abandoned");
        assertThat(took).isBetween(DriverCalls.DEFAULT_LIMIT.minusSeconds(1), DriverCalls.DEFAULT_LIMIT.plusSeconds(10));
        assertHealthy();
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedBeforeThePluginSeesIt() throws Exception {
        byte[] big = new byte[PluginEndpointServlet.MAX_BODY_BYTES + 1];
        assertError(send(HttpRequest.newBuilder(uri("/api/plugins/good-plugin/echo")).POST(HttpRequest.BodyPublishers.ofByteArray(big))),
                413, "The request body is larger than 1 MiB");
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
