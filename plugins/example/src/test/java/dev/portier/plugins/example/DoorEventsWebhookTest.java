package dev.portier.plugins.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.sun.net.httpserver.HttpServer;
import dev.portier.plugin.api.LockEvent;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpRequest;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HTTP_ENDPOINTS: the controller's webhook, authenticated by the connection's API key. */
class DoorEventsWebhookTest {

    private static final String ENTRIES = """
            {"entries": [{"number": 7, "door": "front door", "at": "2026-01-05T09:00:00Z", "type": "UNLOCKED"},
                         {"number": 8, "door": "garage", "at": "2026-01-05T09:01:00Z", "type": "UNLOCKED"}]}""";

    @Test
    void entries_posted_with_the_api_key_are_recorded_for_the_connections_doors() {
        try (ControllerFixture controller = ControllerFixture.start()) {
            PluginHttpResponse response = controller.driver.handle(post("/door-events", ControllerFixture.API_KEY, ENTRIES));

            assertThat(response.status()).isEqualTo(204);
            assertThat(controller.context.recordedEvents()).singleElement().satisfies(event -> {
                assertThat(event.lockId()).isEqualTo("lock-front");
                assertThat(event.entryNumber()).isEqualTo(7L);
                assertThat(event.type()).isEqualTo("UNLOCKED");
            });
        }
    }

    @Test
    void a_wrong_or_missing_key_a_bad_body_or_path_records_nothing() {
        try (ControllerFixture controller = ControllerFixture.start()) {
            assertThat(controller.driver.handle(post("/door-events", "stolen-key", ENTRIES)).status()).isEqualTo(401);
            assertThat(controller.driver.handle(post("/door-events", null, ENTRIES)).status()).isEqualTo(401);
            assertThat(controller.driver.handle(post("/door-events", ControllerFixture.API_KEY, "not json")).status()).isEqualTo(400);
            assertThat(controller.driver.handle(post("/elsewhere", ControllerFixture.API_KEY, ENTRIES)).status()).isEqualTo(404);
            assertThat(controller.driver.handle(new PluginHttpRequest("GET", "/door-events", Map.of(),
                    Map.of("x-api-key", List.of(ControllerFixture.API_KEY)), new byte[0])).status()).isEqualTo(405);
            assertThat(controller.context.recordedEvents()).isEmpty();
        }
    }

    @Test
    void the_simulator_posts_new_entries_to_the_webhook_over_http() throws IOException, InterruptedException {
        try (ControllerFixture controller = ControllerFixture.start()) {
            // Stands in for the host's routing of /api/plugins/example/connections/{id}/door-events.
            HttpServer portier = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            portier.createContext("/door-events", exchange -> {
                PluginHttpResponse answer = controller.driver.handle(new PluginHttpRequest(exchange.getRequestMethod(),
                        "/door-events", Map.of(), Map.of("x-api-key", List.of(exchange.getRequestHeaders().getFirst("X-Api-Key"))),
                        exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(answer.status(), -1);
                exchange.close();
            });
            portier.start();
            try {
                controller.simulator.deliverWebhooksTo(URI.create("http://127.0.0.1:" + portier.getAddress().getPort() + "/door-events"));
                controller.simulator.logByHand("back", "DOOR_FORCED");

                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (controller.context.recordedEvents().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(controller.context.recordedEvents()).extracting(LockEvent::lockId, LockEvent::type)
                        .containsExactly(tuple("lock-back", "DOOR_FORCED"));
            } finally {
                portier.stop(0);
            }
        }
    }

    private static PluginHttpRequest post(String path, String apiKey, String body) {
        Map<String, List<String>> headers = apiKey == null ? Map.of() : Map.of("x-api-key", List.of(apiKey));
        return new PluginHttpRequest("POST", path, Map.of(), headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
