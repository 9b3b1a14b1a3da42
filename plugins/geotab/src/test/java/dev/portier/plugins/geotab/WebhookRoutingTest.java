package dev.portier.plugins.geotab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.LegacyEndpointRouting.ConnectionSettings;
import dev.portier.plugin.api.LockEvent;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpRequest;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpResponse;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Notifications reach a connection at its own URL, {@code /api/plugins/geotab/connections/{id}/notifications},
 * where only its own token counts; the subscription registers that URL (and moves one of SPI 1.x there);
 * the 1.x URL {@code /api/plugins/geotab/notifications} still works through the factory's legacy routing.
 */
class WebhookRoutingTest {

    private static final String TAP = "{\"NotificationId\":\"2651AAF8-EECA-489C-8673-A7A96CF78AAD\",\"Database\":\"portierfleet\","
            + "\"Timestamp\":1634325392007,\"Type\":\"TapCheckInComplete\",\"Data\":\"{\\\"deviceSerialNumber\\\":"
            + "\\\"G9A720FBE29A\\\",\\\"tapCardSerialNumber\\\":\\\"743227D3PR\\\",\\\"virtualKeyId\\\":\\\"X\\\"}\"}";

    private final GeotabHarness harness = new GeotabHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void the_subscription_registers_the_connections_own_url() throws Exception {
        HttpResponse<String> subscription = harness.callService("GET", "/notification-subscriptions", null);

        assertThat(subscription.body()).contains("\"webhook\":\"" + harness.webhookUrl() + "\"");
        assertThat(harness.webhookUrl()).endsWith("/api/plugins/geotab/connections/" + harness.context.connectionId()
                + "/notifications");
    }

    @Test
    void a_subscription_to_the_legacy_url_is_moved_to_the_connections_url() throws Exception {
        String token = harness.simulator.courier().subscriptionToken();
        harness.callService("PATCH", "/notification-subscriptions", "{\"webhook\":\"" + harness.portierUrl()
                + "/api/plugins/geotab/notifications\",\"securityToken\":\"" + token + "\"}");

        harness.driver.test();

        HttpResponse<String> subscription = harness.callService("GET", "/notification-subscriptions", null);
        assertThat(subscription.body()).contains("\"webhook\":\"" + harness.webhookUrl() + "\"")
                .contains("\"securityToken\":\"" + token + "\"");
    }

    @Test
    void the_connection_url_accepts_its_own_token_only() throws Exception {
        String token = harness.simulator.courier().subscriptionToken();

        HttpResponse<String> wrong = harness.postNotification(token + "x", TAP);
        HttpResponse<String> right = harness.postNotification(token, TAP);

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(harness.context.recordedEvents()).extracting(LockEvent::type).containsExactly("TAP_CHECK_IN_COMPLETE");
        assertThat(harness.legacyRouted).isEmpty();
    }

    @Test
    void another_connections_url_does_not_reach_this_driver() throws Exception {
        String token = harness.simulator.courier().subscriptionToken();

        HttpResponse<String> other = harness.post(harness.portierUrl()
                + "/api/plugins/geotab/connections/another-connection/notifications", token, TAP);

        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(harness.context.recordedEvents()).isEmpty();
    }

    @Test
    void the_driver_serves_post_notifications_only() {
        PluginHttpResponse unknown = harness.driver.handle(new PluginHttpRequest("POST", "/check-access", Map.of(), Map.of(), null));
        PluginHttpResponse get = harness.driver.handle(new PluginHttpRequest("GET", "/notifications", Map.of(), Map.of(), null));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.headers()).containsEntry("Allow", "POST");
    }

    @Test
    void the_legacy_url_reaches_the_connection_whose_token_it_carries() throws Exception {
        String token = harness.simulator.courier().subscriptionToken();

        HttpResponse<String> routed = harness.postLegacyNotification(token, TAP);

        assertThat(routed.statusCode()).isEqualTo(200);
        assertThat(harness.legacyRouted).containsExactly(harness.context.connectionId());
        assertThat(harness.context.recordedEvents()).extracting(LockEvent::type).containsExactly("TAP_CHECK_IN_COMPLETE");
    }

    @Test
    void the_legacy_url_with_a_wrong_or_missing_token_names_no_connection() throws Exception {
        String token = harness.simulator.courier().subscriptionToken();

        assertThat(harness.postLegacyNotification(token.substring(1), TAP).statusCode()).isEqualTo(404);
        assertThat(harness.postLegacyNotification(null, TAP).statusCode()).isEqualTo(404);
        assertThat(harness.legacyRouted).isEmpty();
        assertThat(harness.context.recordedEvents()).isEmpty();
    }

    @Test
    void legacy_routing_names_only_running_connections_for_post_notifications() {
        String token = harness.simulator.courier().subscriptionToken();
        Map<String, List<String>> headers = Map.of("securitytoken", List.of(token));
        ConnectionSettings own = new ConnectionSettings(harness.context.connectionId(), harness.context.configuration());
        ConnectionSettings stopped = new ConnectionSettings("stopped", harness.context.configuration());
        byte[] body = TAP.getBytes(StandardCharsets.UTF_8);

        assertThat(harness.factory.route(new PluginHttpRequest("POST", "/notifications", Map.of(), headers, body),
                List.of(stopped, own))).contains(own.connectionId());
        assertThat(harness.factory.route(new PluginHttpRequest("POST", "/notifications", Map.of(), headers, body),
                List.of(stopped))).isEmpty();
        assertThat(harness.factory.route(new PluginHttpRequest("POST", "/other", Map.of(), headers, body),
                List.of(own))).isEmpty();
        assertThat(harness.factory.route(new PluginHttpRequest("GET", "/notifications", Map.of(), headers, body),
                List.of(own))).isEmpty();

        harness.driver.dispose();
        assertThat(harness.factory.route(new PluginHttpRequest("POST", "/notifications", Map.of(), headers, body),
                List.of(own))).as("a disposed driver is not routed to").isEmpty();
    }
}
