package dev.portier.plugins.unloc;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.portier.plugin.api.AccessDecider.AccessAnswer;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpRequest;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpResponse;
import dev.portier.plugin.api.SandboxActions;
import dev.portier.plugin.api.SandboxActions.SandboxOutcome;
import dev.portier.plugin.api.SandboxActions.SandboxRun;
import dev.portier.plugin.conformance.TestDriverContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator over real HTTP against the connection's endpoint, served the way the host serves
 * plugin endpoints (query decoded with {@link URLDecoder}, header names lower-case, connection URLs
 * to their driver and the old URL through the factory's legacy routing).
 */
class UnlocSimulatorTest {

    private static final String KEY = "simulator-key-0123456789";
    private static final String PREFIX = "/api/plugins/unloc";

    private final UnlocHost host = new UnlocHost();
    private TestDriverContext context;
    private LockDriver driver;
    private HttpServer portier;

    @BeforeEach
    void start() throws IOException {
        context = host.connect(Map.of("apiHeader", "X-Api-Key", "apiKey", KEY, "mode", "sandbox"));
        context.addLock(new LockRef("lock-1", "abc123", "Front door", "Europe/Oslo"));
        driver = host.driver(context);
        portier = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        portier.createContext(PREFIX + "/", exchange -> {
            Map<String, List<String>> query = new HashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            for (String pair : raw == null ? new String[0] : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        List.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)));
            }
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            PluginHttpResponse answer = host.serve(new PluginHttpRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath().substring(PREFIX.length()), query, headers, new byte[0]));
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), answer.body().length);
            exchange.getResponseBody().write(answer.body());
            exchange.close();
        });
        portier.start();
    }

    @AfterEach
    void stop() {
        portier.stop(0);
        host.close();
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + portier.getAddress().getPort());
    }

    private URI checkAccess() {
        return UnlocSimulator.checkAccessUrl(base(), context.connectionId());
    }

    @Test
    void aGrantedScanCreatesAKeyOfTheAnsweredDuration() throws Exception {
        context.decideWith(q -> new AccessAnswer(true, "grant-1", null, null, Duration.ofMinutes(30), List.of()));
        Instant now = TestDriverContext.START;
        UnlocSimulator.Scan scan;
        try (UnlocSimulator unloc = new UnlocSimulator(checkAccess(), "X-Api-Key", KEY)) {
            scan = unloc.scan("abc123", "+4712345678", now);
        }

        assertThat(scan.request().getRawQuery()).as("the + goes unencoded, as in Unloc's example")
                .isEqualTo("lockId=abc123&appUserId=+4712345678");
        assertThat(scan.status()).isEqualTo(200);
        assertThat(scan.key()).contains(new UnlocSimulator.TemporaryKey(now, now.plusSeconds(1800)));
        assertThat(scan.transcript()).anySatisfy(line -> assertThat(line).contains("creates a temporary key")
                .contains("2026-01-05T09:30:00.000Z"));
        assertThat(String.join("\n", scan.transcript())).doesNotContain(KEY);
    }

    @Test
    void aCutKeyEndsAtTheAnsweredEnd() throws Exception {
        Instant end = TestDriverContext.START.plusSeconds(300);
        context.decideWith(q -> new AccessAnswer(true, "grant-1", null, end, Duration.ofMinutes(30), List.of()));
        try (UnlocSimulator unloc = new UnlocSimulator(checkAccess(), "X-Api-Key", KEY)) {
            assertThat(unloc.scan("abc123", "+47 123 45 678", TestDriverContext.START).key())
                    .contains(new UnlocSimulator.TemporaryKey(TestDriverContext.START, end));
        }
    }

    @Test
    void aDenialOrAWrongKeyCreatesNoKey() throws Exception {
        try (UnlocSimulator unloc = new UnlocSimulator(checkAccess(), "X-Api-Key", KEY)) {
            UnlocSimulator.Scan denied = unloc.scan("abc123", "+4712345678", Instant.now());
            assertThat(denied.key()).isEmpty();
            assertThat(denied.refusal()).isEqualTo("Portier said hasAccess: false");
        }
        try (UnlocSimulator wrongKey = new UnlocSimulator(checkAccess(), "X-Api-Key", "wrong-key-0123456789")) {
            UnlocSimulator.Scan refused = wrongKey.scan("abc123", "+4712345678", Instant.now());
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.key()).isEmpty();
            assertThat(refused.refusal()).isEqualTo("Portier answered HTTP 401");
        }
    }

    @Test
    void theSandboxActionScansTheChosenLock() {
        context.decideWith(q -> new AccessAnswer(true, "grant-1", null, null, Duration.ofMinutes(10), List.of()));
        SandboxActions sandbox = (SandboxActions) driver;
        assertThat(sandbox.sandboxActions()).singleElement().satisfies(action -> {
            assertThat(action.label()).isEqualTo("Scan a lock's NFC sticker");
            assertThat(action.inputs()).extracting(SandboxActions.SandboxInput::kind)
                    .containsExactly(SandboxActions.InputKind.LOCK, SandboxActions.InputKind.TEXT);
        });
        SandboxOutcome outcome = sandbox.run(new SandboxRun("scan-sticker", Map.of("lock", "lock-1", "phone", "+4712345678"), base()));
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.transcript())
                .anySatisfy(line -> assertThat(line).contains("GET " + checkAccess() + "?lockId=abc123"))
                .anySatisfy(line -> assertThat(line).contains("\"duration\":600"))
                .anySatisfy(line -> assertThat(line).contains("creates a temporary key"));

        SandboxOutcome noLock = sandbox.run(new SandboxRun("scan-sticker", Map.of("lock", "other", "phone", "+4712345678"), base()));
        assertThat(noLock.succeeded()).isFalse();
        assertThat(noLock.transcript()).containsExactly("Choose one of this connection's locks");
    }

    @Test
    void aProductionConnectionOffersNoSandboxAction() {
        TestDriverContext production = host.connect(Map.of("apiHeader", "X-Api-Key", "apiKey", "production-key-0123456789",
                "mode", "production"));
        SandboxActions sandbox = (SandboxActions) host.driver(production);
        assertThat(sandbox.sandboxActions()).isEmpty();
        assertThat(sandbox.run(new SandboxRun("scan-sticker", Map.of(), base())).transcript())
                .containsExactly("This connection is not in sandbox mode");
    }

    @Test
    void theOldUrlStillReachesTheConnectionWithThatKey() throws Exception {
        context.decideWith(q -> new AccessAnswer(true, "grant-1", null, null, Duration.ofMinutes(30), List.of()));
        @SuppressWarnings("removal")
        URI legacy = UnlocSimulator.legacyCheckAccessUrl(base());
        assertThat(legacy.getPath()).isEqualTo("/api/plugins/unloc/check-access");
        try (UnlocSimulator unloc = new UnlocSimulator(legacy, "X-Api-Key", KEY)) {
            assertThat(unloc.scan("abc123", "+4712345678", TestDriverContext.START).key())
                    .contains(new UnlocSimulator.TemporaryKey(TestDriverContext.START, TestDriverContext.START.plusSeconds(1800)));
        }
        try (UnlocSimulator unknownKey = new UnlocSimulator(legacy, "X-Api-Key", "wrong-key-0123456789")) {
            assertThat(unknownKey.scan("abc123", "+4712345678", TestDriverContext.START).status()).isEqualTo(404);
        }
        assertThat(context.recordedEvents()).hasSize(1);
    }

    @Test
    void anotherConnectionsUrlRefusesThisKey() throws Exception {
        TestDriverContext other = host.connect(Map.of("apiHeader", "X-Api-Key", "apiKey", "other-key-0123456789", "mode", "sandbox"));
        other.addLock(new LockRef("lock-2", "abc123", "Other door", "Europe/Oslo"));
        try (UnlocSimulator unloc = new UnlocSimulator(UnlocSimulator.checkAccessUrl(base(), other.connectionId()), "X-Api-Key", KEY)) {
            assertThat(unloc.scan("abc123", "+4712345678", TestDriverContext.START).status()).isEqualTo(401);
        }
        assertThat(other.recordedEvents()).isEmpty();
    }

    @Test
    void theUrlIsThePortierAddressWithOrWithoutTrailingSlash() {
        assertThat(UnlocSimulator.checkAccessUrl(URI.create("https://portier.example.com/"), "c-1"))
                .isEqualTo(URI.create("https://portier.example.com/api/plugins/unloc/connections/c-1/check-access"));
        assertThat(UnlocSimulator.checkAccessUrl(URI.create("https://portier.example.com"), "c-1"))
                .isEqualTo(URI.create("https://portier.example.com/api/plugins/unloc/connections/c-1/check-access"));
    }
}
