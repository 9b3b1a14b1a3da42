package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.portier.identity.accounts.Role;
import dev.portier.web.api.ApiClient.Answer;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.drivers.ondemand.DecisionEndpointDraft;
import dev.portier.drivers.ondemand.DecisionEndpoints;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.plugins.reference.LockSimulator;
import dev.portier.plugins.reference.PhoneSimulator;
import dev.portier.plugins.reference.PhoneSimulator.TapOutcome;
import dev.portier.plugins.reference.PhoneState.HeldKey;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.testing.BundledPluginJar;
import dev.portier.testing.RunningServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A phone's on-demand key request when the account has an external decision endpoint (Unloc's contract,
 * Portier as the platform): the endpoint must say yes too, its window narrows the key, and every
 * request lands on the lock's timeline with its reason.
 */
class OnDemandExternalIT {

    static final String KEY = "decision-key-1";

    @TempDir
    static Path dir;
    static RunningServer server;
    static HttpServer endpoint;
    static final AtomicReference<String> answer = new AtomicReference<>();
    static final AtomicReference<String> askedFor = new AtomicReference<>();
    static ApiClient manager;
    static String lockId;
    static PhoneSimulator phone;
    static LockSimulator lock;

    @BeforeAll
    static void start() throws Exception {
        BundledPluginJar.install(dir, "reference");
        server = RunningServer.withAdminAndPrivateHttp(dir);
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/check-access", exchange -> {
            askedFor.set(exchange.getRequestURI().getQuery());
            boolean authorised = KEY.equals(exchange.getRequestHeaders().getFirst("X-Api-Key"));
            byte[] body = (authorised ? answer.get() : "{\"error\":\"no\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(authorised ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
        SignedInUser admin = ApiFixtures.admin(server);
        manager = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "Manager token"));
        String connectionId = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Reference locks", "reference",
                Map.of("mode", "production"))).id();
        String site = manager.post("/api/v1/sites", ApiCrudIT.site("Harbour", "UTC")).id();
        lockId = manager.post("/api/v1/locks", ApiCrudIT.lock(site, "Locker").put("connectionId", connectionId)
                .put("vendorReference", "L-1")).id();
        MutableClock clock = new MutableClock(Instant.now());
        lock = TrustFixtures.enrol(manager, lockId, clock);
        String personId = manager.post("/api/v1/people", ApiClient.object().put("name", "Ola").put("phone", "+47 412 34 567")).id();
        ObjectNode grant = ApiClient.object().put("personId", personId).put("lockId", lockId).put("delivery", "ON_DEMAND")
                .put("onDemandMinutes", 60);
        grant.putArray("permissions").add("UNLOCK");
        manager.post("/api/v1/grants", grant);
        String code = manager.post("/api/v1/trust/device-enrolment-codes", ApiClient.object().put("personId", personId))
                .json().get("code").asText();
        phone = PhoneSimulator.create(URI.create(server.url("")), clock);
        phone.register(code, "Ola's phone");
        phone.sync();
        server.get(DecisionEndpoints.class).save(admin, new DecisionEndpointDraft(
                "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/check-access", "X-Api-Key", KEY));
    }

    @AfterAll
    static void stop() {
        server.close();
        endpoint.stop(0);
    }

    @Test
    void theEndpointsYesNarrowsTheKeyToItsDuration() {
        answer.set("{\"lockId\":\"" + lockId + "\",\"appUserId\":\"+4741234567\",\"hasAccess\":true,\"keyData\":{\"duration\":600}}");

        HeldKey key = phone.requestOnDemandKey(lockId, null);

        assertThat(askedFor.get()).contains("lockId=" + lockId).contains("appUserId=+4741234567");
        assertThat(Duration.between(key.issuedAt(), key.notAfter())).isBetween(Duration.ofSeconds(599), Duration.ofSeconds(600));
        assertThat(phone.tap(lock, "UNLOCK", key.keyId()).outcome()).isEqualTo(TapOutcome.OPENED);
        assertThat(lastEvent().get("type").asText()).isEqualTo("ON_DEMAND_KEY_ISSUED");
    }

    @Test
    void theEndpointsNoOrAMismatchingAnswerMeansNoKeyWithTheReasonOnTheTimeline() {
        ApiClient device = new ApiClient(server, phone.deviceToken());
        answer.set("{\"lockId\":\"" + lockId + "\",\"appUserId\":\"+4741234567\",\"hasAccess\":false}");
        Answer denied = device.post("/api/v1/mobile/on-demand-keys", ApiClient.object().put("lockId", lockId));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().get("reasons").toString()).contains("EXTERNAL_DENIED");
        assertThat(lastEvent().get("details").get("reasons").asText()).isEqualTo("EXTERNAL_DENIED");

        answer.set("{\"lockId\":\"another-lock\",\"appUserId\":\"+4741234567\",\"hasAccess\":true}");
        Answer mismatch = device.post("/api/v1/mobile/on-demand-keys", ApiClient.object().put("lockId", lockId));
        assertThat(mismatch.status()).isEqualTo(403);
        assertThat(mismatch.json().get("reasons").toString()).contains("EXTERNAL_UNAVAILABLE");
        assertThat(lastEvent().get("type").asText()).isEqualTo("ON_DEMAND_KEY_REFUSED");
    }

    private static JsonNode lastEvent() {
        JsonNode items = manager.get("/api/v1/events?lockId=" + lockId).json().get("items");
        return items.get(0);
    }
}
