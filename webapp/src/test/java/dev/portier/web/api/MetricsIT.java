package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.domain.events.EventLog;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonDraft;
import dev.portier.domain.people.PersonService;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.drivers.connections.Connection;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionRuntime;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.plugin.api.GrantSync;
import dev.portier.plugin.api.LockEvent;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.plugins.example.simulator.DoorControllerSimulator;
import dev.portier.testing.ExamplePlugin;
import dev.portier.testing.PrometheusText;
import dev.portier.testing.RunningServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} over real HTTP, read by an independent parser of the Prometheus text format
 * ({@link PrometheusText}): the token guards it, and the named series appear and move when the
 * API, the access decisions, the example driver (against its simulator on loopback), the grant-sync
 * outbox and the event log do their work.
 */
class MetricsIT {

    static final String TOKEN = "metrics-token-0123456789abcdef";
    static final String KEY = "metrics-controller-key-1";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    DoorControllerSimulator controller;
    RunningServer server;
    ApiClient api;
    SignedInUser admin;
    Person ada;
    Lock front;

    @BeforeEach
    void start() throws Exception {
        ExamplePlugin.install(dir);
        controller = DoorControllerSimulator.start(KEY);
        controller.addDoor("front");
        server = RunningServer.withAdminPrivateHttpAndMetrics(dir, clock, TOKEN);
        admin = server.admin();
        Site site = server.get(SiteService.class).create(admin, new SiteDraft("Depot", null, "Europe/Oslo"));
        Connection connection = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Doors",
                ExamplePlugin.DRIVER_ID, Map.of("baseUrl", controller.url(), "apiKey", KEY)));
        front = server.get(LockService.class).create(admin, new LockDraft(site.id(), "Front door", LockKind.DOOR, null, "front",
                LockState.ACTIVE, connection.id()));
        ada = server.get(PersonService.class).create(admin, new PersonDraft("Ada Lovelace", "ada@example.com", null, null));
        api = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "metrics"));
        await("the connection runs", () -> server.get(ConnectionRuntime.class).offers(connection.id(), GrantSync.class), b -> b);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        controller.close();
    }

    @Test
    void metricsNeedTheBearerToken() throws Exception {
        HttpResponse<String> none = scrapeWith(null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(none.body()).doesNotContain("jvm_").doesNotContain("portier_");
        HttpResponse<String> wrong = scrapeWith("Bearer " + TOKEN + "x");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("jvm_");
        assertThat(scrapeWith("Basic " + TOKEN).statusCode()).isEqualTo(401);

        HttpResponse<String> right = scrapeWith("Bearer " + TOKEN);
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        PrometheusText parsed = PrometheusText.parse(right.body());
        assertThat(parsed.type("jvm_memory_used_bytes")).contains("gauge");
        assertThat(parsed.sum("jvm_memory_used_bytes", Map.of())).isPositive();
        assertThat(parsed.samples()).extracting(PrometheusText.Sample::name).contains("jvm_threads_live_threads", "process_uptime_seconds",
                "jvm_classes_loaded_classes");
    }

    @Test
    void everyResponseCarriesARequestIdAndAPlainCallersOneIsKept() throws Exception {
        HttpResponse<String> fresh = HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/health"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(fresh.headers().firstValue("X-Request-Id")).hasValueSatisfying(v -> assertThat(v).matches("[0-9a-f-]{36}"));
        HttpResponse<String> given = HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/health")))
                .header("X-Request-Id", "lb-7f3a.42").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(given.headers().firstValue("X-Request-Id")).contains("lb-7f3a.42");
        HttpResponse<String> odd = HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/health")))
                .header("X-Request-Id", "x".repeat(65)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(odd.headers().firstValue("X-Request-Id")).hasValueSatisfying(v -> assertThat(v).matches("[0-9a-f-]{36}"));
    }

    @Test
    void theNamedSeriesMoveWithTheWorkDone() throws Exception {
        PrometheusText before = scrape();

        // A grant the vendor takes: driver calls, the outbox drains.
        ApiClient.Answer created = api.post("/api/v1/grants", grant());
        assertThat(created.status()).isEqualTo(201);
        String grantId = created.id();
        await("applied", () -> api.get("/api/v1/grants/" + grantId).json().get("sync").get(0).get("state").asText(), "APPLIED"::equals);
        assertThat(api.get("/api/v1/grants/" + grantId).status()).isEqualTo(200);

        // One decision each way: Monday 08:00 in Oslo is inside the grant, a card nobody has is not a subject at all.
        assertThat(api.post("/api/v1/access-decisions", ApiCrudIT.decision(ada.id(), front.id(), clock.instant().toString()))
                .json().get("allowed").asBoolean()).isTrue();
        assertThat(api.post("/api/v1/access-decisions", ApiCrudIT.decision(ada.id(), front.id(),
                clock.instant().minus(Duration.ofDays(400)).toString())).json().get("allowed").asBoolean()).isFalse();

        // Events: one new, then the same entry again (a duplicate).
        LockEvent event = new LockEvent(null, 7L, clock.instant(), "UNLOCKED", Map.of());
        server.get(EventLog.class).recordAll(admin.accountId(), front.id(), "api", List.of(event));
        server.get(EventLog.class).recordAll(admin.accountId(), front.id(), "api", List.of(event));

        PrometheusText after = scrape();
        assertThat(after.type("portier_access_decisions_total").or(() -> after.type("portier_access_decisions"))).contains("counter");
        assertThat(moved(before, after, "portier_access_decisions_total", Map.of("outcome", "allowed"))).isEqualTo(1);
        assertThat(moved(before, after, "portier_access_decisions_total", Map.of("outcome", "denied"))).isEqualTo(1);
        assertThat(moved(before, after, "portier_events_ingested_total", Map.of("source", "api", "result", "accepted"))).isEqualTo(1);
        assertThat(moved(before, after, "portier_events_ingested_total", Map.of("source", "api", "result", "duplicate"))).isEqualTo(1);
        assertThat(moved(before, after, "portier_driver_calls_seconds_count", Map.of("outcome", "ok"))).isPositive();
        assertThat(after.samples()).filteredOn(s -> s.name().equals("portier_driver_calls_seconds_count"))
                .allSatisfy(s -> assertThat(s.labels()).containsKeys("plugin", "outcome"));

        // HTTP latency by route template: the grant read is one series whatever its id, and no raw id is a label.
        assertThat(moved(before, after, "portier_http_server_requests_seconds_count",
                Map.of("method", "GET", "route", "/api/v1/grants/{id}", "status", "200"))).isGreaterThanOrEqualTo(2);
        assertThat(moved(before, after, "portier_http_server_requests_seconds_count",
                Map.of("method", "POST", "route", "/api/v1/access-decisions", "status", "200"))).isEqualTo(2);
        assertThat(after.samples()).noneSatisfy(s -> assertThat(s.labels().values()).anySatisfy(v -> assertThat(v).contains(grantId)));

        assertThat(after.value("portier_grant_sync_outbox_depth", Map.of())).contains(0.0);
        assertThat(after.value("portier_grant_sync_outbox_oldest_age_seconds", Map.of())).contains(0.0);
    }

    @Test
    void theOutboxDepthAndAgeShowAVendorThatDoesNotAnswer() throws Exception {
        controller.hang("/doors/");
        assertThat(api.post("/api/v1/grants", grant()).status()).isEqualTo(201);
        clock.advance(Duration.ofSeconds(90));
        PrometheusText waiting = scrape();
        assertThat(waiting.type("portier_grant_sync_outbox_depth")).contains("gauge");
        assertThat(waiting.value("portier_grant_sync_outbox_depth", Map.of())).contains(1.0);
        assertThat(waiting.value("portier_grant_sync_outbox_oldest_age_seconds", Map.of())).hasValueSatisfying(
                age -> assertThat(age).isGreaterThanOrEqualTo(90.0));
    }

    private ObjectNode grant() {
        ObjectNode grant = ApiClient.object().put("personId", ada.id()).put("lockId", front.id()).put("delivery", "PRE_ISSUED")
                .put("validFrom", clock.instant().minus(Duration.ofDays(1)).toString());
        grant.putArray("permissions").add("UNLOCK");
        return grant;
    }

    private static double moved(PrometheusText before, PrometheusText after, String name, Map<String, String> labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    private PrometheusText scrape() throws Exception {
        HttpResponse<String> response = scrapeWith("Bearer " + TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    private HttpResponse<String> scrapeWith(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url("/metrics"))).timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static <T> T await(String what, Supplier<T> read, Predicate<T> wanted) {
        Instant deadline = Instant.now().plusSeconds(25);
        T value = read.get();
        while (!wanted.test(value) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            value = read.get();
        }
        assertThat(wanted).as("%s: %s", what, value).accepts(value);
        return value;
    }
}
