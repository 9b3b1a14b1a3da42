package dev.portier.plugins.unloc;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.portier.plugin.api.AccessDecider.AccessAnswer;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginConnection;
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
 * The simulator over real HTTP against the factory's endpoint, served the way the host serves plugin
 * endpoints (query decoded with {@link URLDecoder}, header names lower-case).
 */
class UnlocSimulatorTest {

    private static final String KEY = "simulator-key-0123456789";

    private final UnlocDriverFactory factory = new UnlocDriverFactory();
    private TestDriverContext context;
    private LockDriver driver;
    private HttpServer portier;

    @BeforeEach
    void start() throws IOException {
        context = TestDriverContext.of(Map.of("apiHeader", "X-Api-Key", "apiKey", KEY, "mode", "sandbox"));
        context.addLock(new LockRef("lock-1", "abc123", "Front door", "Europe/Oslo"));
        driver = factory.create(context.configuration(), context);
        driver.initialize();
        portier = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        portier.createContext("/api/plugins/unloc/", exchange -> {
            Map<String, List<String>> query = new HashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            for (String pair : raw == null ? new String[0] : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        List.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)));
            }
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            PluginHttpResponse answer = factory.handle(new PluginHttpRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath().substring("/api/plugins/unloc".length()), query, headers, new byte[0]),
                    List.of(new PluginConnection(context.connectionId(), context.configuration(), driver, context)));
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
        context.close();
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + portier.getAddress().getPort());
    }

    @Test
    void aGrantedScanCreatesAKeyOfTheAnsweredDuration() throws Exception {
        context.decideWith(q -> new AccessAnswer(true, "grant-1", null, Duration.ofMinutes(30), List.of()));
        Instant now = TestDriverContext.START;
        UnlocSimulator.Scan scan;
        try (UnlocSimulator unloc = new UnlocSimulator(base(), "X-Api-Key", KEY)) {
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
        context.decideWith(q -> new AccessAnswer(true, "grant-1", end, Duration.ofMinutes(30), List.of()));
        try (UnlocSimulator unloc = new UnlocSimulator(base(), "X-Api-Key", KEY)) {
            assertThat(unloc.scan("abc123", "+47 123 45 678", TestDriverContext.START).key())
                    .contains(new UnlocSimulator.TemporaryKey(TestDriverContext.START, end));
        }
    }

    @Test
    void aDenialOrAWrongKeyCreatesNoKey() throws Exception {
        try (UnlocSimulator unloc = new UnlocSimulator(base(), "X-Api-Key", KEY)) {
            UnlocSimulator.Scan denied = unloc.scan("abc123", "+4712345678", Instant.now());
            assertThat(denied.key()).isEmpty();
            assertThat(denied.refusal()).isEqualTo("Portier said hasAccess: false");
        }
        try (UnlocSimulator wrongKey = new UnlocSimulator(base(), "X-Api-Key", "wrong-key-0123456789")) {
            UnlocSimulator.Scan refused = wrongKey.scan("abc123", "+4712345678", Instant.now());
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.key()).isEmpty();
            assertThat(refused.refusal()).isEqualTo("Portier answered HTTP 401");
        }
    }

    @Test
    void theSandboxActionScansTheChosenLock() {
        context.decideWith(q -> new AccessAnswer(true, "grant-1", null, Duration.ofMinutes(10), List.of()));
        SandboxActions sandbox = (SandboxActions) driver;
        assertThat(sandbox.sandboxActions()).singleElement().satisfies(action -> {
            assertThat(action.label()).isEqualTo("Scan a lock's NFC sticker");
            assertThat(action.inputs()).extracting(SandboxActions.SandboxInput::kind)
                    .containsExactly(SandboxActions.InputKind.LOCK, SandboxActions.InputKind.TEXT);
        });
        SandboxOutcome outcome = sandbox.run(new SandboxRun("scan-sticker", Map.of("lock", "lock-1", "phone", "+4712345678"), base()));
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.transcript()).anySatisfy(line -> assertThat(line).contains("\"duration\":600"))
                .anySatisfy(line -> assertThat(line).contains("creates a temporary key"));

        SandboxOutcome noLock = sandbox.run(new SandboxRun("scan-sticker", Map.of("lock", "other", "phone", "+4712345678"), base()));
        assertThat(noLock.succeeded()).isFalse();
        assertThat(noLock.transcript()).containsExactly("Choose one of this connection's locks");
    }

    @Test
    void aProductionConnectionOffersNoSandboxAction() {
        try (TestDriverContext production = TestDriverContext.of(Map.of("apiHeader", "X-Api-Key", "apiKey", KEY, "mode", "production"))) {
            SandboxActions sandbox = (SandboxActions) factory.create(production.configuration(), production);
            assertThat(sandbox.sandboxActions()).isEmpty();
            assertThat(sandbox.run(new SandboxRun("scan-sticker", Map.of(), base())).transcript())
                    .containsExactly("This connection is not in sandbox mode");
        }
    }
}
