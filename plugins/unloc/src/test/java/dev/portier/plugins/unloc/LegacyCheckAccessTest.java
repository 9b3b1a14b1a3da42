package dev.portier.plugins.unloc;

import static dev.portier.plugins.unloc.CheckAccessTest.body;
import static dev.portier.plugins.unloc.CheckAccessTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.AccessDecider.AccessAnswer;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpRequest;
import dev.portier.plugin.conformance.TestDriverContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deprecated {@code /api/plugins/unloc/check-access}, which names no connection: the factory
 * routes it by the API key it carries, and the chosen connection's driver answers.
 */
class LegacyCheckAccessTest {

    private static final String KEY_A = "key-of-account-a-0123456789";
    private static final String KEY_B = "key-of-account-b-0123456789";

    private final UnlocHost host = new UnlocHost();
    private TestDriverContext a;
    private TestDriverContext b;

    @BeforeEach
    void connections() {
        a = host.connect(Map.of("apiHeader", "X-Api-Key", "apiKey", KEY_A, "mode", "sandbox"));
        b = host.connect(Map.of("apiHeader", "X-Unloc-Key", "apiKey", KEY_B, "mode", "production"));
        a.addLock(new LockRef("lock-a", "unloc-1", "Front door", "Europe/Oslo"));
        b.addLock(new LockRef("lock-b", "unloc-1", "Beta's door with the same Unloc id", "Europe/Oslo"));
        a.decideWith(question -> new AccessAnswer(true, "grant-a", null, null, Duration.ofMinutes(30), List.of()));
        b.decideWith(question -> new AccessAnswer(true, "grant-b", null, null, Duration.ofMinutes(5), List.of()));
    }

    @AfterEach
    void close() {
        host.close();
    }

    @Test
    void theKeyPicksItsConnectionWhichAnswersForItsOwnLocks() {
        assertThat(host.legacyRoute(legacy("X-Api-Key", KEY_A))).contains(a.connectionId());
        assertThat(host.legacyRoute(legacy("X-Unloc-Key", KEY_B))).contains(b.connectionId());

        assertThat(body(host.serve(legacy("X-Unloc-Key", KEY_B)))).contains("\"duration\":300");
        assertThat(body(host.serve(legacy("X-Api-Key", KEY_A)))).contains("\"duration\":1800");
        assertThat(a.recordedEvents()).singleElement().satisfies(e -> assertThat(e.lockId()).isEqualTo("lock-a"));
        assertThat(b.recordedEvents()).singleElement().satisfies(e -> assertThat(e.lockId()).isEqualTo("lock-b"));
    }

    @Test
    void aWrongOrMissingKeyRoutesNowhere() {
        assertThat(host.legacyRoute(legacy("X-Api-Key", KEY_A + "x"))).isEmpty();
        assertThat(host.legacyRoute(legacy("X-Api-Key", KEY_A.substring(1)))).isEmpty();
        assertThat(host.legacyRoute(legacy("X-Other", KEY_A))).as("A's key in no one's header").isEmpty();
        assertThat(host.legacyRoute(legacy("X-Api-Key", KEY_B))).as("B's key in A's header").isEmpty();
        assertThat(host.legacyRoute(legacy("X-Unloc-Key", KEY_A))).as("A's key in B's header").isEmpty();
        assertThat(host.serve(legacy("X-Api-Key", "wrong-key-0123456789")).status()).isEqualTo(404);
        assertThat(a.recordedEvents()).isEmpty();
        assertThat(b.recordedEvents()).isEmpty();
    }

    @Test
    void aKeyConfiguredOnTwoConnectionsRoutesNowhere() {
        TestDriverContext copy = host.connect(Map.of("apiHeader", "X-Api-Key", "apiKey", KEY_A, "mode", "production"));
        copy.addLock(new LockRef("lock-copy", "unloc-1", "Front door", "Europe/Oslo"));

        assertThat(host.legacyRoute(legacy("X-Api-Key", KEY_A))).isEmpty();
        assertThat(host.legacyRoute(legacy("X-Unloc-Key", KEY_B))).as("other keys still route").contains(b.connectionId());
        assertThat(a.recordedEvents()).isEmpty();
        assertThat(copy.recordedEvents()).isEmpty();
        // Each still answers at its own URL.
        assertThat(host.serve(request("/connections/" + a.connectionId() + "/check-access", "unloc-1", "+4712345678",
                "X-Api-Key", KEY_A)).status()).isEqualTo(200);
    }

    @Test
    void theSameKeyUnderDifferentHeadersIsToldApartByTheHeader() {
        TestDriverContext other = host.connect(Map.of("apiHeader", "X-Other-Key", "apiKey", KEY_A, "mode", "production"));

        assertThat(host.legacyRoute(legacy("X-Api-Key", KEY_A))).contains(a.connectionId());
        assertThat(host.legacyRoute(legacy("X-Other-Key", KEY_A))).contains(other.connectionId());
    }

    @Test
    void aConnectionWithUnusableSettingsIsNeverChosen() {
        host.connect(Map.of("apiHeader", "X-Short", "apiKey", "short", "mode", "sandbox"));
        host.connect(Map.of("apiHeader", "Host", "apiKey", "reserved-header-0123456789", "mode", "sandbox"));

        assertThat(host.legacyRoute(legacy("X-Short", "short"))).isEmpty();
        assertThat(host.legacyRoute(legacy("Host", "reserved-header-0123456789"))).isEmpty();
    }

    @Test
    void theChosenDriverAnswersWrongPathsAndMethods() {
        PluginHttpRequest post = new PluginHttpRequest("POST", "/check-access", Map.of(),
                Map.of("x-api-key", List.of(KEY_A)), new byte[0]);
        assertThat(host.serve(post).status()).isEqualTo(405);
        PluginHttpRequest other = new PluginHttpRequest("GET", "/other", Map.of(), Map.of("x-api-key", List.of(KEY_A)), new byte[0]);
        assertThat(host.serve(other).status()).isEqualTo(404);
    }

    private static PluginHttpRequest legacy(String header, String key) {
        return request("/check-access", "unloc-1", "+4712345678", header, key);
    }
}
