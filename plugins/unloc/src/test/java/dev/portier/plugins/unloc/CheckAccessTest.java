package dev.portier.plugins.unloc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portier.plugin.api.AccessDecider.AccessAnswer;
import dev.portier.plugin.api.AccessDecider.AccessQuestion;
import dev.portier.plugin.api.DenialReason;
import dev.portier.plugin.api.LockEvent;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.Permission;
import dev.portier.plugin.api.PluginHttpEndpoints;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpRequest;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpResponse;
import dev.portier.plugin.conformance.TestDriverContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A connection's check-access, at its own URL, beside a second account's connection. */
class CheckAccessTest {

    private static final String KEY_A = "key-of-account-a-0123456789";
    private static final String KEY_B = "key-of-account-b-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UnlocHost host = new UnlocHost();
    private final List<AccessQuestion> asked = new CopyOnWriteArrayList<>();
    private TestDriverContext a;
    private TestDriverContext b;

    @BeforeEach
    void connections() {
        a = host.connect(Map.of("apiHeader", "X-Api-Key", "apiKey", KEY_A, "mode", "sandbox"));
        b = host.connect(Map.of("apiHeader", "X-Unloc-Key", "apiKey", KEY_B, "mode", "production"));
        a.addLock(new LockRef("lock-a", "unloc-1", "Front door", "Europe/Oslo"));
        b.addLock(new LockRef("lock-b", "unloc-2", "Back door", "Europe/Oslo"));
    }

    @AfterEach
    void close() {
        host.close();
    }

    @Test
    void anAllowedQuestionAnswersTheOnDemandDurationAndIsRecorded() {
        a.decideWith(question -> {
            asked.add(question);
            return new AccessAnswer(true, "grant-1", null, null, Duration.ofMinutes(30), List.of());
        });
        PluginHttpResponse response = get(a, "unloc-1", "+4712345678", "X-Api-Key", KEY_A);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(body(response)).isEqualTo("{\"lockId\":\"unloc-1\",\"appUserId\":\"+4712345678\",\"hasAccess\":true,"
                + "\"keyData\":{\"duration\":1800}}");
        assertThat(asked).singleElement().satisfies(q -> {
            assertThat(q.lockId()).isEqualTo("lock-a");
            assertThat(q.subject().phone()).isEqualTo("+4712345678");
            assertThat(q.permission()).isEqualTo(Permission.UNLOCK);
            assertThat(q.at()).isEqualTo(TestDriverContext.START);
        });
        assertThat(a.recordedEvents()).singleElement().isEqualTo(new LockEvent("lock-a", null, TestDriverContext.START,
                "UNLOC_CHECK_ACCESS", Map.of("appUserId", "+4712345678", "verdict", "ALLOWED", "grantId", "grant-1",
                        "duration", "1800 s")));
    }

    @Test
    void aRunningBookingOpensUntilItEndsAndIsNamedInTheEvent() {
        Instant bookingEnd = TestDriverContext.START.plusSeconds(900);
        a.decideWith(question -> new AccessAnswer(true, null, "reservation-1", bookingEnd, null, List.of()));

        assertThat(body(get(a, "unloc-1", "+4712345678", "X-Api-Key", KEY_A)))
                .endsWith("\"hasAccess\":true,\"keyData\":{\"end\":\"2026-01-05T09:15:00.000Z\"}}");
        assertThat(a.recordedEvents().getFirst().details()).containsEntry("reservationId", "reservation-1")
                .doesNotContainKey("grantId");
    }

    @Test
    void aKeyThatWouldOutliveTheWindowEndsWithIt() {
        Instant windowEnd = TestDriverContext.START.plusSeconds(600);
        a.decideWith(question -> new AccessAnswer(true, "grant-1", null, windowEnd, Duration.ofMinutes(30), List.of()));
        assertThat(body(get(a, "unloc-1", "+4712345678", "X-Api-Key", KEY_A)))
                .endsWith("\"hasAccess\":true,\"keyData\":{\"end\":\"2026-01-05T09:10:00.000Z\"}}");
    }

    @Test
    void aWindowClosingWithinTheSecondIsNoAccess() {
        a.decideWith(question -> new AccessAnswer(true, "grant-1", null, TestDriverContext.START.plusMillis(400),
                Duration.ofMinutes(30), List.of()));
        assertThat(body(get(a, "unloc-1", "+4712345678", "X-Api-Key", KEY_A))).endsWith("\"hasAccess\":false}");
        assertThat(a.recordedEvents().getFirst().details()).containsEntry("verdict", "DENIED").containsEntry("reasons", "WINDOW_ENDING");
    }

    @Test
    void aDenialSaysNoMoreThanHasAccessFalseAndRecordsTheReasons() {
        a.decideWith(question -> AccessAnswer.denied(DenialReason.OUTSIDE_SCHEDULE, DenialReason.CARD_LOST));
        assertThat(body(get(a, "unloc-1", "+4712345678", "X-Api-Key", KEY_A)))
                .isEqualTo("{\"lockId\":\"unloc-1\",\"appUserId\":\"+4712345678\",\"hasAccess\":false}");
        assertThat(a.recordedEvents()).singleElement().satisfies(e -> assertThat(e.details())
                .containsEntry("verdict", "DENIED").containsEntry("reasons", "OUTSIDE_SCHEDULE,CARD_LOST"));
    }

    @Test
    void anUnknownLockIsAnOrdinaryDenial() {
        a.decideWith(question -> new AccessAnswer(true, "grant-1", null, null, Duration.ofMinutes(30), List.of()));
        assertThat(body(get(a, "nope", "+4712345678", "X-Api-Key", KEY_A)))
                .isEqualTo("{\"lockId\":\"nope\",\"appUserId\":\"+4712345678\",\"hasAccess\":false}");
        assertThat(a.recordedEvents()).isEmpty();
    }

    @Test
    void theAnswerEscapesWhateverLockIdUnlocSends() throws IOException {
        String odd = "door \"7\"\\\n\u00e6\u2603";
        var answer = JSON.readTree(body(get(a, odd, "+4712345678", "X-Api-Key", KEY_A)));
        assertThat(answer.get("lockId").textValue()).isEqualTo(odd);
        assertThat(answer.get("hasAccess").booleanValue()).isFalse();
    }

    @Test
    void eachConnectionAnswersOnlyForItsOwnLocksAndItsOwnKey() {
        b.decideWith(question -> new AccessAnswer(true, "grant-b", null, null, Duration.ofMinutes(5), List.of()));
        a.decideWith(question -> new AccessAnswer(true, "grant-a", null, null, Duration.ofMinutes(30), List.of()));

        assertThat(body(get(b, "unloc-2", "+4712345678", "X-Unloc-Key", KEY_B))).contains("\"duration\":300");
        assertThat(body(get(a, "unloc-2", "+4712345678", "X-Api-Key", KEY_A))).as("B's lock at A's URL with A's key")
                .endsWith("\"hasAccess\":false}");
        assertThat(get(a, "unloc-1", "+4712345678", "X-Unloc-Key", KEY_B).status()).as("B's key and header at A's URL")
                .isEqualTo(401);
        assertThat(get(a, "unloc-1", "+4712345678", "X-Api-Key", KEY_B).status()).as("B's key in A's header").isEqualTo(401);
        assertThat(get(b, "unloc-2", "+4712345678", "X-Api-Key", KEY_A).status()).as("A's key and header at B's URL")
                .isEqualTo(401);
        assertThat(a.recordedEvents()).isEmpty();
        assertThat(b.recordedEvents()).hasSize(1);
    }

    @Test
    void aMissingOrWrongKeyIs401() {
        assertThat(get(a, "unloc-1", "+4712345678", "X-Api-Key", KEY_A + "x").status()).isEqualTo(401);
        assertThat(get(a, "unloc-1", "+4712345678", "X-Api-Key", KEY_A.substring(1)).status()).isEqualTo(401);
        assertThat(get(a, "unloc-1", "+4712345678", "X-Api-Key", "").status()).isEqualTo(401);
        PluginHttpResponse none = get(a, "unloc-1", "+4712345678", "X-Other", KEY_A);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).isEqualTo("application/json");
        assertThat(body(none)).isEqualTo("{\"error\":\"Missing or wrong API key\"}");
        assertThat(a.recordedEvents()).isEmpty();
    }

    @Test
    void theHeaderNameIsMatchedInAnyCase() {
        a.decideWith(question -> new AccessAnswer(true, "grant-1", null, null, Duration.ofMinutes(30), List.of()));
        assertThat(get(a, "unloc-1", "+4712345678", "x-api-key", KEY_A).status()).isEqualTo(200);
        assertThat(get(a, "unloc-1", "+4712345678", "X-API-KEY", KEY_A).status()).isEqualTo(200);
    }

    @Test
    void theKeyIsCheckedBeforeTheInput() {
        assertThat(get(a, null, null, "X-Api-Key", "wrong-key-0123456789").status()).isEqualTo(401);
    }

    @Test
    void malformedOrMissingParametersAre400AndNothingIsAsked() {
        a.decideWith(question -> {
            asked.add(question);
            return new AccessAnswer(true, "grant-1", null, null, Duration.ofMinutes(30), List.of());
        });
        for (String phone : List.of("4712345678", "+47abc", "+0123456789", "+1234", "+1234567890123456", "++4712345678")) {
            PluginHttpResponse response = get(a, "unloc-1", phone, "X-Api-Key", KEY_A);
            assertThat(response.status()).as(phone).isEqualTo(400);
            assertThat(body(response)).contains("E.164");
        }
        assertThat(body(get(a, "unloc-1", null, "X-Api-Key", KEY_A))).isEqualTo("{\"error\":\"appUserId is required\"}");
        assertThat(body(get(a, null, "+4712345678", "X-Api-Key", KEY_A))).isEqualTo("{\"error\":\"lockId is required\"}");
        assertThat(get(a, "x".repeat(201), "+4712345678", "X-Api-Key", KEY_A).status()).isEqualTo(400);
        assertThat(asked).isEmpty();
        assertThat(a.recordedEvents()).isEmpty();
    }

    @Test
    void otherNotationsOfTheNumberAreAskedInE164() {
        a.decideWith(question -> new AccessAnswer(question.subject().phone().equals("+4712345678"), "grant-1", null, null,
                Duration.ofMinutes(30), List.of()));
        // " 47…" is "+47…" sent unencoded, as in Unloc's own example, after query decoding.
        for (String phone : List.of(" 4712345678", "+47 123 45 678", "0047-123-45-678", "+47 (123) 45.678")) {
            assertThat(body(get(a, "unloc-1", phone, "X-Api-Key", KEY_A))).as(phone)
                    .contains("\"appUserId\":\"+4712345678\",\"hasAccess\":true");
        }
    }

    @Test
    void otherPathsAndMethodsAreRefused() {
        PluginHttpEndpoints driver = (PluginHttpEndpoints) host.driver(a);
        assertThat(driver.handle(new PluginHttpRequest("GET", "/other", Map.of(), Map.of(), new byte[0])).status())
                .isEqualTo(404);
        PluginHttpResponse post = driver.handle(new PluginHttpRequest("POST", "/check-access", Map.of(), Map.of(), new byte[0]));
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers()).containsEntry("Allow", "GET");
    }

    @Test
    void aConnectionWithUnusableSettingsAuthenticatesNobody() {
        TestDriverContext broken = host.connect(Map.of("apiHeader", "X-Api-Key", "apiKey", "short", "mode", "sandbox"));
        broken.addLock(new LockRef("lock-c", "unloc-1", "Front door", "Europe/Oslo"));
        broken.decideWith(question -> new AccessAnswer(true, "grant-1", null, null, Duration.ofMinutes(30), List.of()));

        assertThat(get(broken, "unloc-1", "+4712345678", "X-Api-Key", "short").status()).isEqualTo(401);
        assertThat(get(broken, "unloc-1", "+4712345678", "X-Other", "").status()).isEqualTo(401);
    }

    private PluginHttpResponse get(TestDriverContext connection, String lockId, String phone, String header, String key) {
        return host.serve(request("/connections/" + connection.connectionId() + "/check-access", lockId, phone, header, key));
    }

    static PluginHttpRequest request(String path, String lockId, String phone, String header, String key) {
        Map<String, List<String>> query = new HashMap<>();
        if (lockId != null) {
            query.put("lockId", List.of(lockId));
        }
        if (phone != null) {
            query.put("appUserId", List.of(phone));
        }
        return new PluginHttpRequest("GET", path, query, Map.of(header.toLowerCase(Locale.ROOT), List.of(key)), new byte[0]);
    }

    /** The body, which must be JSON whatever the status. */
    static String body(PluginHttpResponse response) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        try {
            JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
        return text;
    }
}
