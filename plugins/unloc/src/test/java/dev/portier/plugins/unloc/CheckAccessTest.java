package dev.portier.plugins.unloc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.AccessDecider.AccessAnswer;
import dev.portier.plugin.api.AccessDecider.AccessQuestion;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockEvent;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginConnection;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpRequest;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpResponse;
import dev.portier.plugin.conformance.TestDriverContext;
import dev.portier.plugins.unloc.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The check-access handler against in-memory connections of two accounts. */
class CheckAccessTest {

    private static final String KEY_A = "key-of-account-a-0123456789";
    private static final String KEY_B = "key-of-account-b-0123456789";

    private final UnlocDriverFactory factory = new UnlocDriverFactory();
    private TestDriverContext a;
    private TestDriverContext b;
    private List<PluginConnection> connections;
    private final List<AccessQuestion> asked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void connections() {
        a = TestDriverContext.of(Map.of("apiHeader", "X-Api-Key", "apiKey", KEY_A, "mode", "sandbox"));
        b = TestDriverContext.of(Map.of("apiHeader", "X-Unloc-Key", "apiKey", KEY_B, "mode", "production"));
        a.addLock(new LockRef("lock-a", "unloc-1", "Front door", "Europe/Oslo"));
        b.addLock(new LockRef("lock-b", "unloc-2", "Back door", "Europe/Oslo"));
        connections = List.of(connection(a), connection(b));
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private PluginConnection connection(TestDriverContext context) {
        LockDriver driver = factory.create(context.configuration(), context);
        driver.initialize();
        return new PluginConnection(context.connectionId(), context.configuration(), driver, context);
    }

    @Test
    void anAllowedQuestionAnswersTheOnDemandDurationAndIsRecorded() {
        a.decideWith(question -> {
            asked.add(question);
            return new AccessAnswer(true, "grant-1", null, Duration.ofMinutes(30), List.of());
        });
        PluginHttpResponse response = get("unloc-1", "+4712345678", "X-Api-Key", KEY_A);

        assertThat(response.status()).isEqualTo(200);
        assertThat(body(response)).isEqualTo("{\"lockId\":\"unloc-1\",\"appUserId\":\"+4712345678\",\"hasAccess\":true,"
                + "\"keyData\":{\"duration\":1800}}");
        assertThat(asked).singleElement().satisfies(q -> {
            assertThat(q.lockId()).isEqualTo("lock-a");
            assertThat(q.subject().phone()).isEqualTo("+4712345678");
            assertThat(q.permission()).isEqualTo("UNLOCK");
            assertThat(q.at()).isEqualTo(TestDriverContext.START);
        });
        assertThat(a.recordedEvents()).singleElement().isEqualTo(new LockEvent("lock-a", null, TestDriverContext.START,
                "UNLOC_CHECK_ACCESS", Map.of("appUserId", "+4712345678", "verdict", "ALLOWED", "grantId", "grant-1",
                        "duration", "1800 s")));
    }

    @Test
    void aKeyThatWouldOutliveTheWindowEndsWithIt() {
        Instant windowEnd = TestDriverContext.START.plusSeconds(600);
        a.decideWith(question -> new AccessAnswer(true, "grant-1", windowEnd, Duration.ofMinutes(30), List.of()));
        assertThat(body(get("unloc-1", "+4712345678", "X-Api-Key", KEY_A)))
                .endsWith("\"hasAccess\":true,\"keyData\":{\"end\":\"2026-01-05T09:10:00.000Z\"}}");
    }

    @Test
    void aWindowClosingWithinTheSecondIsNoAccess() {
        a.decideWith(question -> new AccessAnswer(true, "grant-1", TestDriverContext.START.plusMillis(400),
                Duration.ofMinutes(30), List.of()));
        assertThat(body(get("unloc-1", "+4712345678", "X-Api-Key", KEY_A))).endsWith("\"hasAccess\":false}");
        assertThat(a.recordedEvents().getFirst().details()).containsEntry("verdict", "DENIED").containsEntry("reasons", "WINDOW_ENDING");
    }

    @Test
    void aDenialSaysNoMoreThanHasAccessFalseAndRecordsTheReasons() {
        a.decideWith(question -> new AccessAnswer(false, null, null, null, List.of("OUTSIDE_SCHEDULE")));
        assertThat(body(get("unloc-1", "+4712345678", "X-Api-Key", KEY_A)))
                .isEqualTo("{\"lockId\":\"unloc-1\",\"appUserId\":\"+4712345678\",\"hasAccess\":false}");
        assertThat(a.recordedEvents()).singleElement().satisfies(e -> assertThat(e.details())
                .containsEntry("verdict", "DENIED").containsEntry("reasons", "OUTSIDE_SCHEDULE"));
    }

    @Test
    void anUnknownLockIsAnOrdinaryDenial() {
        a.decideWith(question -> new AccessAnswer(true, "grant-1", null, Duration.ofMinutes(30), List.of()));
        assertThat(body(get("nope", "+4712345678", "X-Api-Key", KEY_A)))
                .isEqualTo("{\"lockId\":\"nope\",\"appUserId\":\"+4712345678\",\"hasAccess\":false}");
    }

    @Test
    void theKeyPicksTheConnectionAndNeverAnotherAccountsLocks() {
        b.decideWith(question -> new AccessAnswer(true, "grant-b", null, Duration.ofMinutes(5), List.of()));
        a.decideWith(question -> new AccessAnswer(true, "grant-a", null, Duration.ofMinutes(30), List.of()));

        assertThat(body(get("unloc-2", "+4712345678", "X-Unloc-Key", KEY_B))).contains("\"duration\":300");
        assertThat(body(get("unloc-2", "+4712345678", "X-Api-Key", KEY_A))).as("B's lock asked with A's key")
                .endsWith("\"hasAccess\":false}");
        assertThat(get("unloc-2", "+4712345678", "X-Api-Key", KEY_B).status()).as("B's key in A's header").isEqualTo(401);
        assertThat(a.recordedEvents()).isEmpty();
        assertThat(b.recordedEvents()).hasSize(1);
    }

    @Test
    void aMissingOrWrongKeyIs401() {
        assertThat(get("unloc-1", "+4712345678", "X-Api-Key", KEY_A + "x").status()).isEqualTo(401);
        assertThat(get("unloc-1", "+4712345678", "X-Api-Key", KEY_A.substring(1)).status()).isEqualTo(401);
        PluginHttpResponse none = get("unloc-1", "+4712345678", "X-Other", KEY_A);
        assertThat(none.status()).isEqualTo(401);
        assertThat(body(none)).isEqualTo("{\"error\":\"Missing or wrong API key\"}");
        assertThat(a.recordedEvents()).isEmpty();
    }

    @Test
    void malformedOrMissingParametersAre400AndNothingIsAsked() {
        a.decideWith(question -> {
            asked.add(question);
            return new AccessAnswer(true, "grant-1", null, Duration.ofMinutes(30), List.of());
        });
        for (String phone : List.of("4712345678", "+47abc", "+0123456789", "+1234", "+1234567890123456", "++4712345678")) {
            PluginHttpResponse response = get("unloc-1", phone, "X-Api-Key", KEY_A);
            assertThat(response.status()).as(phone).isEqualTo(400);
            assertThat(body(response)).contains("E.164");
        }
        assertThat(get("unloc-1", null, "X-Api-Key", KEY_A).status()).isEqualTo(400);
        assertThat(get(null, "+4712345678", "X-Api-Key", KEY_A).status()).isEqualTo(400);
        assertThat(asked).isEmpty();
        assertThat(a.recordedEvents()).isEmpty();
    }

    @Test
    void otherNotationsOfTheNumberAreAskedInE164() {
        a.decideWith(question -> new AccessAnswer(question.subject().phone().equals("+4712345678"), "grant-1", null,
                Duration.ofMinutes(30), List.of()));
        // " 47…" is "+47…" sent unencoded, as in Unloc's own example, after query decoding.
        for (String phone : List.of(" 4712345678", "+47 123 45 678", "0047-123-45-678", "+47 (123) 45.678")) {
            assertThat(body(get("unloc-1", phone, "X-Api-Key", KEY_A))).as(phone)
                    .contains("\"appUserId\":\"+4712345678\",\"hasAccess\":true");
        }
    }

    @Test
    void otherPathsAndMethodsAreRefused() {
        assertThat(factory.handle(new PluginHttpRequest("GET", "/other", Map.of(), Map.of(), new byte[0]), connections).status())
                .isEqualTo(404);
        PluginHttpResponse post = factory.handle(new PluginHttpRequest("POST", "/check-access", Map.of(), Map.of(), new byte[0]),
                connections);
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers()).containsEntry("Allow", "GET");
    }

    @Test
    void aConnectionWithUnusableSettingsAuthenticatesNobody() {
        TestDriverContext broken = TestDriverContext.of(Map.of("apiHeader", "X-Api-Key", "apiKey", "short", "mode", "sandbox"));
        try (broken) {
            PluginHttpResponse response = factory.handle(request("unloc-1", "+4712345678", "X-Api-Key", "short"),
                    List.of(connection(broken)));
            assertThat(response.status()).isEqualTo(401);
        }
    }

    private PluginHttpResponse get(String lockId, String phone, String header, String key) {
        return factory.handle(request(lockId, phone, header, key), connections);
    }

    private static PluginHttpRequest request(String lockId, String phone, String header, String key) {
        Map<String, List<String>> query = new java.util.HashMap<>();
        if (lockId != null) {
            query.put("lockId", List.of(lockId));
        }
        if (phone != null) {
            query.put("appUserId", List.of(phone));
        }
        return new PluginHttpRequest("GET", "/check-access", query, Map.of(header.toLowerCase(java.util.Locale.ROOT), List.of(key)),
                new byte[0]);
    }

    private static String body(PluginHttpResponse response) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        Json.read(text);
        return text;
    }
}
