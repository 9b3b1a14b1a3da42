package dev.portier.drivers.ondemand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.db.Database;
import dev.portier.platform.http.GuardedHttp;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.identity.accounts.ForbiddenException;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.config.PortierConfig;
import dev.portier.testing.TestServices;
import dev.portier.identity.users.Member;
import dev.portier.identity.users.UserService;
import dev.portier.platform.validation.ValidationException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ExternalDecisions} over real HTTP against a decision endpoint on this machine. Portier's
 * guarded client is built as in production except that the host name {@code localhost} is allowed
 * (the test's only concession to loopback): {@code 127.0.0.1} stays refused, which is what the
 * redirect test relies on.
 */
class ExternalDecisionsTest {

    private static final String KEY = "endpoint-key-0123456789";
    private static final String LOCK = "lock-1";
    private static final String PHONE = "+4712345678";
    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");

    @TempDir
    Path dir;
    TestServices services;
    SignedInUser owner;
    HttpServer endpoint;
    final AtomicReference<Answer> answer = new AtomicReference<>();
    final List<HttpExchangeRecord> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger loopbackTargetHits = new AtomicInteger();
    GuardedHttp http;

    record Answer(int status, String body, Map<String, String> headers, long delayMillis) {
    }

    record HttpExchangeRecord(String method, String path, Map<String, String> query, String key) {
    }

    @BeforeEach
    void start() throws IOException {
        http = GuardedHttp.allowing(Set.of("localhost"));
        services = new TestServices(PortierConfig.forDataDir(dir), new MutableClock(NOW), new OnDemandModule(), new AbstractModule() {
            @Override
            protected void configure() {
                bind(GuardedHttp.class).toInstance(http);
            }
        });
        owner = services.setUpOwner();
        endpoint = HttpServer.create(new InetSocketAddress(0), 0);
        endpoint.setExecutor(Executors.newCachedThreadPool());
        endpoint.createContext("/check-access", this::answer);
        endpoint.createContext("/loopback-target", exchange -> {
            loopbackTargetHits.incrementAndGet();
            byte[] body = json(LOCK, PHONE, ",\"hasAccess\":true").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
    }

    @AfterEach
    void stop() {
        endpoint.stop(0);
        services.close();
        http.close();
    }

    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> query = new java.util.HashMap<>();
        for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        requests.add(new HttpExchangeRecord(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), query,
                exchange.getRequestHeaders().getFirst("X-Decision-Key")));
        Answer a = answer.get();
        try {
            Thread.sleep(a.delayMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        a.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private String url(String host, String path) {
        return "http://" + host + ":" + endpoint.getAddress().getPort() + path;
    }

    private void configure() {
        services.get(DecisionEndpoints.class).save(owner, new DecisionEndpointDraft(url("localhost", "/check-access"),
                "X-Decision-Key", KEY));
    }

    private void answering(int status, String body) {
        answer.set(new Answer(status, body, Map.of(), 0));
    }

    private static String json(String lockId, String appUserId, String rest) {
        return "{\"lockId\":\"" + lockId + "\",\"appUserId\":\"" + appUserId + "\"" + rest + "}";
    }

    private Verdict ask() {
        return services.get(ExternalDecisions.class).ask(owner.accountId(), LOCK, PHONE, NOW);
    }

    @Test
    void withoutAnEndpointNothingIsAsked() {
        assertThat(ask()).isEqualTo(new Verdict.NotConfigured());
        assertThat(requests).isEmpty();
    }

    @Test
    void allowedWithADurationSendsTheContractsRequest() {
        configure();
        answering(200, json(LOCK, PHONE, ",\"hasAccess\":true,\"keyData\":{\"duration\":900}"));
        assertThat(ask()).isEqualTo(new Verdict.Allowed(NOW, NOW.plusSeconds(900)));
        assertThat(requests).singleElement()
                .isEqualTo(new HttpExchangeRecord("GET", "/check-access", Map.of("lockId", LOCK, "appUserId", PHONE), KEY));
    }

    @Test
    void allowedWithStartAndEndOrWithoutKeyData() {
        configure();
        answering(200, json(LOCK, PHONE, ",\"hasAccess\":true,\"keyData\":{\"start\":\"2026-01-05T09:05:00.000Z\","
                + "\"end\":\"2026-01-05T10:00:00.000Z\"}"));
        assertThat(ask()).isEqualTo(new Verdict.Allowed(Instant.parse("2026-01-05T09:05:00Z"), Instant.parse("2026-01-05T10:00:00Z")));
        answering(200, json(LOCK, PHONE, ",\"hasAccess\":true"));
        assertThat(ask()).isEqualTo(new Verdict.Allowed(NOW, NOW.plus(ExternalDecisions.DEFAULT_KEY)));
    }

    @Test
    void deniedByTheEndpoint() {
        configure();
        answering(200, json(LOCK, PHONE, ",\"hasAccess\":false"));
        assertThat(ask()).isEqualTo(new Verdict.Denied("localhost answered hasAccess: false", true));
    }

    @Test
    void aTimeoutIsADenial() {
        configure();
        answer.set(new Answer(200, json(LOCK, PHONE, ",\"hasAccess\":true"), Map.of(), 8_000));
        assertThat(ask()).isEqualTo(new Verdict.Denied("localhost did not answer within 5 s", false));
    }

    @Test
    void aServerErrorIsADenial() {
        configure();
        answering(500, json(LOCK, PHONE, ",\"hasAccess\":true"));
        assertThat(ask()).isEqualTo(new Verdict.Denied("localhost answered HTTP 500", false));
    }

    @Test
    void malformedJsonIsADenial() {
        configure();
        answering(200, "{\"lockId\":\"lock-1\",\"hasAccess\":tru");
        assertThat(ask()).isEqualTo(new Verdict.Denied("localhost answered no valid JSON", false));
        answering(200, "[true]");
        assertThat(ask()).isEqualTo(new Verdict.Denied("localhost answered no JSON object", false));
        answering(200, json(LOCK, PHONE, ",\"hasAccess\":\"yes\""));
        assertThat(ask()).isEqualTo(new Verdict.Denied("localhost answered without a boolean hasAccess", false));
        answering(200, json(LOCK, PHONE, ",\"hasAccess\":true,\"keyData\":{\"duration\":-5}"));
        assertThat(ask()).isEqualTo(new Verdict.Denied("localhost answered a duration that is not between 1 and 86400 seconds", false));
        answering(200, json(LOCK, PHONE, ",\"hasAccess\":true,\"keyData\":{\"end\":\"tomorrow\"}"));
        assertThat(ask()).isEqualTo(new Verdict.Denied("localhost answered a start or end that is not an RFC 3339 date-time", false));
    }

    @Test
    void mismatchedIdsAreADenial() {
        configure();
        answering(200, json("lock-2", PHONE, ",\"hasAccess\":true"));
        assertThat(ask()).isEqualTo(new Verdict.Denied("localhost answered about another lock (lockId \"lock-2\")", false));
        answering(200, json(LOCK, "+4787654321", ",\"hasAccess\":true"));
        assertThat(ask()).isEqualTo(new Verdict.Denied("localhost answered about another user (appUserId does not match)", false));
        answering(200, json(LOCK, "+47 123 45 678", ",\"hasAccess\":true"));
        assertThat(ask()).as("the same number in another notation").isInstanceOf(Verdict.Allowed.class);
    }

    @Test
    void aRedirectInto127001IsRefusedBeforeItIsFollowed() {
        configure();
        int port = endpoint.getAddress().getPort();
        // Followed when the target is allowed: the refusal below is the address rule, not a client that never follows.
        answer.set(new Answer(302, "", Map.of("Location", "http://localhost:" + port + "/loopback-target?lockId=" + LOCK
                + "&appUserId=%2B4712345678"), 0));
        assertThat(ask()).isEqualTo(new Verdict.Allowed(NOW, NOW.plus(ExternalDecisions.DEFAULT_KEY)));
        assertThat(loopbackTargetHits.get()).as("followed to an allowed host").isEqualTo(1);

        answer.set(new Answer(302, "", Map.of("Location", "http://127.0.0.1:" + port + "/loopback-target?lockId=" + LOCK
                + "&appUserId=%2B4712345678"), 0));
        Verdict verdict = ask();
        assertThat(verdict).isInstanceOfSatisfying(Verdict.Denied.class, denied -> {
            assertThat(denied.byEndpoint()).isFalse();
            assertThat(denied.reason()).isEqualTo("Refused http://127.0.0.1:" + port + ": 127.0.0.1 is a loopback (127.0.0.0/8) address; "
                    + "Portier does not send requests there unless PORTIER_HTTP_ALLOW_PRIVATE=true");
        });
        assertThat(loopbackTargetHits.get()).as("127.0.0.1 never reached").isEqualTo(1);
    }

    @Test
    void theKeyIsNotSentOnToAnotherOriginByARedirect() throws IOException {
        configure();
        AtomicReference<String> keyElsewhere = new AtomicReference<>("not asked");
        HttpServer elsewhere = HttpServer.create(new InetSocketAddress(0), 0);
        elsewhere.createContext("/check-access", exchange -> {
            keyElsewhere.set(String.valueOf(exchange.getRequestHeaders().getFirst("X-Decision-Key")));
            byte[] body = json(LOCK, PHONE, ",\"hasAccess\":true").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        elsewhere.start();
        try {
            answer.set(new Answer(307, "", Map.of("Location", "http://localhost:" + elsewhere.getAddress().getPort()
                    + "/check-access?lockId=" + LOCK + "&appUserId=%2B4712345678"), 0));
            assertThat(ask()).isInstanceOf(Verdict.Allowed.class);
            assertThat(requests).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo(KEY));
            assertThat(keyElsewhere.get()).as("the key header at the other origin").isEqualTo("null");
        } finally {
            elsewhere.stop(0);
        }
    }

    @Test
    void theKeyIsSealedAtRestAndKeptWhenLeftBlank() {
        configure();
        String stored = services.get(Database.class).jdbi().withHandle(h -> h.createQuery("SELECT * FROM on_demand_endpoints")
                .mapToMap().list().toString());
        assertThat(stored).contains("X-Decision-Key").doesNotContain(KEY);

        services.get(DecisionEndpoints.class).save(owner, new DecisionEndpointDraft(url("localhost", "/check-access?tenant=7"),
                "X-Decision-Key", ""));
        answering(200, json(LOCK, PHONE, ",\"hasAccess\":false"));
        ask();
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(KEY);
            assertThat(r.query()).containsEntry("tenant", "7").containsEntry("lockId", LOCK);
        });
    }

    @Test
    void badSettingsAreRefusedAndNothingIsStored() {
        DecisionEndpoints endpoints = services.get(DecisionEndpoints.class);
        assertThatThrownBy(() -> endpoints.save(owner, new DecisionEndpointDraft("ftp://x.example.com", "X Key", "")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys("url",
                        "headerName", "key"));
        assertThatThrownBy(() -> endpoints.save(owner, new DecisionEndpointDraft("https://user:pw@x.example.com/a", "Host", "k y")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).containsExactlyInAnyOrderEntriesOf(
                        Map.of("url", "Put credentials in the API key, not in the address",
                                "headerName", "Host is used by HTTP itself; choose another, like X-Api-Key",
                                "key", "The API key must be printable ASCII without spaces: HTTP headers carry nothing else reliably")));
        assertThat(endpoints.get(owner)).isEmpty();
    }

    @Test
    void anOddAuthorityLike127Dot1IsRefusedOnSaveAndDeniedOnUse() {
        DecisionEndpoints endpoints = services.get(DecisionEndpoints.class);
        for (String odd : List.of("http://127.1:19996/d", "http://exa_mple.com/d", "http://[::1/d")) {
            assertThatThrownBy(() -> endpoints.save(owner, new DecisionEndpointDraft(odd, "X-Key", "k")))
                    .as(odd).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys("url"));
        }
        assertThat(endpoints.get(owner)).isEmpty();

        // Saved by an earlier version that checked less: asking is a denial with the reason, not an exception.
        configure();
        services.get(Database.class).jdbi().useHandle(h -> h.createUpdate("UPDATE on_demand_endpoints SET url = :url")
                .bind("url", "http://127.1:19996/d").execute());
        assertThat(ask()).isInstanceOfSatisfying(Verdict.Denied.class,
                d -> assertThat(d.reason()).contains("http://127.1:19996/d cannot be called over HTTP"));
        assertThat(requests).isEmpty();
    }

    @Test
    void viewersNeitherSeeNorChangeNorTestTheEndpoint() {
        configure();
        Member vic = services.get(UserService.class).addMember(owner, new UserService.NewMember("vic@example.com", "Vic Viewer",
                Role.VIEWER, "viewer password 1"));
        SignedInUser viewer = new SignedInUser(vic.userId(), vic.email(), vic.displayName(), owner.accountId(), null);
        DecisionEndpoints endpoints = services.get(DecisionEndpoints.class);
        assertThatThrownBy(() -> endpoints.get(viewer)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> endpoints.save(viewer, new DecisionEndpointDraft(url("localhost", "/x"), "X-Key", "")))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> endpoints.remove(viewer)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.get(ExternalDecisions.class).test(viewer)).isInstanceOf(ForbiddenException.class);
        assertThat(endpoints.get(owner).orElseThrow().url()).isEqualTo(url("localhost", "/check-access"));
        assertThat(requests).isEmpty();
    }

    @Test
    void anotherAccountsEndpointIsNeverAsked() {
        configure();
        SignedInUser other = services.get(AccountService.class).create(owner, "Other", "UTC");
        assertThat(services.get(ExternalDecisions.class).ask(other.accountId(), LOCK, PHONE, NOW)).isEqualTo(new Verdict.NotConfigured());
        assertThat(services.get(DecisionEndpoints.class).get(other)).isEmpty();
        assertThat(requests).isEmpty();
        assertThat(URI.create(services.get(DecisionEndpoints.class).get(owner).orElseThrow().url()).getPath()).isEqualTo("/check-access");
    }
}
