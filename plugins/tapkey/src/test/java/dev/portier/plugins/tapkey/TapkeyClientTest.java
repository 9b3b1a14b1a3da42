package dev.portier.plugins.tapkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.plugin.conformance.TestDriverContext;
import dev.portier.plugins.tapkey.internal.TapkeyClient;
import dev.portier.plugins.tapkey.internal.TapkeyClient.CredentialsRefused;
import dev.portier.plugins.tapkey.internal.TapkeyClient.TapkeyException;
import dev.portier.plugins.tapkey.internal.TapkeySettings;
import dev.portier.plugins.tapkey.simulator.TapkeySimulator.Fault;
import dev.portier.plugin.api.DriverConfiguration;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against the simulated Tapkey: tokens, 401, 429/5xx and paging. */
class TapkeyClientTest {

    private final TapkeyFixture tapkey = new TapkeyFixture();
    private final TestDriverContext context = TestDriverContext.of(tapkey.configuration());
    private final TapkeyClient client;

    TapkeyClientTest() {
        tapkey.follow(context);
        TapkeySettings settings = TapkeySettings.read(new DriverConfiguration(tapkey.configuration()));
        client = new TapkeyClient(context.http(), settings, context.clock(), tapkey.tuning(500).pacing(), tapkey.tuning(500).sleeper());
    }

    @AfterEach
    void stop() {
        context.close();
        tapkey.close();
    }

    @Test
    void a_token_is_reused_until_shortly_before_it_expires() throws Exception {
        tapkey.simulator.tokenLifetime(Duration.ofSeconds(300));
        client.get("Owners", Map.of());
        client.get("Owners", Map.of());
        assertThat(tapkey.simulator.tokensIssued()).isEqualTo(1);

        context.clock().advance(Duration.ofSeconds(250)); // 50 s left, more than the refresh margin (a tenth: 30 s)
        client.get("Owners", Map.of());
        assertThat(tapkey.simulator.tokensIssued()).as("still valid for longer than the margin").isEqualTo(1);
        context.clock().advance(Duration.ofSeconds(25)); // 25 s left: refreshed early, before Tapkey would refuse it
        client.get("Owners", Map.of());
        assertThat(tapkey.simulator.tokensIssued()).isEqualTo(2);
        assertThat(tapkey.simulator.requests()).noneMatch(request -> request.contains("401"));
    }

    @Test
    void a_token_that_expires_mid_sync_is_replaced_once_and_the_call_repeated() throws Exception {
        client.get("Owners", Map.of());
        tapkey.simulator.failNext(Fault.EXPIRE_TOKENS);
        assertThat(client.get("Owners/" + TapkeyFixture.OWNER + "/BoundLocks", Map.of()).size()).isEqualTo(2);
        assertThat(tapkey.simulator.tokensIssued()).isEqualTo(2);
        assertThat(tapkey.simulator.count("GET", "/boundlocks")).isEqualTo(2);
    }

    @Test
    void a_second_401_is_not_retried_again() {
        tapkey.simulator.tokenLifetime(Duration.ZERO); // every token is expired on arrival
        assertThatThrownBy(() -> client.get("Owners", Map.of())).isInstanceOf(TapkeyException.class)
                .hasMessageContaining("HTTP 401");
        assertThat(tapkey.simulator.count("GET", "/owners")).as("one try and one retry with a new token").isEqualTo(2);
    }

    @Test
    void refused_credentials_are_named_with_the_raw_body() {
        TapkeySettings wrong = TapkeySettings.read(new DriverConfiguration(Map.of("mode", "production", "clientId", "portier-client",
                "clientSecret", "wrong", "loginUrl", tapkey.simulator.tokenUrl(), "baseUrl", tapkey.simulator.apiUrl())));
        TapkeyClient refused = new TapkeyClient(context.http(), wrong, context.clock());
        assertThatThrownBy(refused::token).isInstanceOf(CredentialsRefused.class).hasMessageContaining("invalid_client");
    }

    @Test
    void too_many_requests_waits_as_long_as_retry_after_says() throws Exception {
        tapkey.simulator.retryAfterSeconds(1);
        tapkey.simulator.failNext(Fault.TOO_MANY_REQUESTS);
        tapkey.simulator.failNext(Fault.SERVICE_UNAVAILABLE);
        assertThat(client.get("Owners", Map.of()).size()).isEqualTo(1);
        assertThat(tapkey.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void a_retry_after_beyond_the_longest_wait_fails_at_once_and_a_server_error_is_backed_off() throws Exception {
        tapkey.simulator.retryAfterSeconds(120);
        tapkey.simulator.failNext(Fault.TOO_MANY_REQUESTS);
        assertThatThrownBy(() -> client.get("Owners", Map.of())).hasMessageContaining("asked to wait 120 s");
        assertThat(tapkey.waits).isEmpty();

        tapkey.simulator.failNext(Fault.SERVER_ERROR);
        tapkey.simulator.failNext(Fault.SERVER_ERROR);
        assertThat(client.get("Owners", Map.of()).size()).isEqualTo(1);
        assertThat(tapkey.waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
    }

    @Test
    void a_create_is_not_repeated_after_a_server_error() throws Exception {
        tapkey.simulator.failNext("PUT", Fault.SERVER_ERROR);
        TapkeyClient.Answer answer = client.call("PUT", client.owned("Contacts"), Map.of(),
                dev.portier.plugins.tapkey.internal.TapkeyJson.object().put("identifier", "x@example.com"), false);
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.text()).contains("Internal Server Error");
        assertThat(tapkey.simulator.count("PUT", "/contacts")).isEqualTo(1);
    }

    @Test
    void lists_are_paged_until_a_short_page_and_kept_once_by_id() throws Exception {
        for (int i = 0; i < 5; i++) {
            tapkey.simulator.world().receiveLogEntry(TapkeyFixture.DOOR, i + 1, TestDriverContext.START, null, null);
        }
        assertThat(client.list(client.owned("LogEntries"), Map.of(), 2)).hasSize(5);
        assertThat(tapkey.simulator.requests()).filteredOn(request -> request.contains("LogEntries"))
                .extracting(request -> request.substring(request.indexOf("$skip")))
                .containsExactly("$skip=0&$top=2", "$skip=2&$top=2", "$skip=4&$top=2");
    }

    @Test
    void a_foreign_owner_account_is_refused_and_errors_keep_their_body_whatever_its_shape() {
        assertThatThrownBy(() -> client.get("Owners/" + TapkeyFixture.FOREIGN + "/BoundLocks", Map.of()))
                .isInstanceOf(TapkeyException.class).hasMessageContaining("HTTP 403").hasMessageContaining("may not manage");
    }
}
