package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.plugins.example.simulator.AccessRule;
import dev.portier.plugins.example.simulator.DoorControllerSimulator;
import dev.portier.testing.ExamplePlugin;
import dev.portier.testing.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grants reach a grant-syncing vendor in the background: the example plugin's real driver against its
 * door controller simulator on loopback, through the REST API over real HTTP.
 */
class GrantSyncIT {

    static final String KEY = "sync-controller-key-1";

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    DoorControllerSimulator controller;
    RunningServer server;
    ApiClient api;
    Person ada;
    Lock front;
    Lock back;
    Site site;

    @BeforeEach
    void start() throws Exception {
        ExamplePlugin.install(dir);
        controller = DoorControllerSimulator.start(KEY);
        controller.addDoor("front");
        controller.addDoor("back");
        server = RunningServer.withAdminAndPrivateHttp(dir, clock);
        SignedInUser admin = server.admin();
        site = server.get(SiteService.class).create(admin, new SiteDraft("Depot", null, "Europe/Oslo"));
        Connection connection = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Doors",
                ExamplePlugin.DRIVER_ID, Map.of("baseUrl", controller.url(), "apiKey", KEY)));
        front = server.get(LockService.class).create(admin, new LockDraft(site.id(), "Front door", LockKind.DOOR, null, "front",
                LockState.ACTIVE, connection.id()));
        back = server.get(LockService.class).create(admin, new LockDraft(site.id(), "Back door", LockKind.DOOR, null, "back",
                LockState.ACTIVE, connection.id()));
        ada = server.get(PersonService.class).create(admin, new PersonDraft("Ada Lovelace", "ada@example.com", null, null));
        api = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "sync"));
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
    void aGrantIsPushedWhenCreatedAndChangedAndWithdrawnWhenRevoked() {
        ApiClient.Answer created = api.post("/api/v1/grants", grant("lockId", front.id()));
        assertThat(created.status()).isEqualTo(201);
        String id = created.id();
        JsonNode first = created.json().get("sync").get(0);
        assertThat(first.get("lockId").asText()).isEqualTo(front.id());
        assertThat(first.get("holder").asText()).isEqualTo("person:" + ada.id());
        assertThat(first.get("desired").asText()).isEqualTo("PUSH");

        AccessRule rule = await("the controller holds the rule", () -> controller.rule("front", id), Optional::isPresent).get();
        assertThat(rule.holderKind()).isEqualTo("person");
        assertThat(rule.holder()).isEqualTo(ada.id());
        assertThat(rule.holderName()).isEqualTo("Ada Lovelace");
        assertThat(rule.permissions()).containsExactly("UNLOCK");
        assertThat(rule.until()).isNull();
        JsonNode applied = awaitSync(id, s -> s.get("state").asText().equals("APPLIED"));
        assertThat(applied.get("vendorReference").asText()).isEqualTo(rule.reference());

        Instant until = clock.instant().plus(Duration.ofDays(30));
        assertThat(api.put("/api/v1/grants/" + id, grant("lockId", front.id()).put("validUntil", until.toString())
                .put("schedule", "MO-FR 07:00-18:00")).status()).isEqualTo(200);
        AccessRule changed = await("the controller holds the changed rule", () -> controller.rule("front", id),
                r -> r.isPresent() && r.get().revision() == 2).get();
        assertThat(changed.until()).isEqualTo(until);
        assertThat(changed.schedule().windows()).hasSize(1);
        awaitSync(id, s -> s.get("state").asText().equals("APPLIED"));

        assertThat(api.post("/api/v1/grants/" + id + "/revoke", Map.of("reason", "Left")).status()).isEqualTo(200);
        await("the controller no longer holds the rule", () -> controller.rule("front", id), Optional::isEmpty);
        JsonNode withdrawn = awaitSync(id, s -> s.get("state").asText().equals("APPLIED"));
        assertThat(withdrawn.get("desired").asText()).isEqualTo("WITHDRAW");
    }

    @Test
    void aSiteGrantCoversEveryLockOfTheSite() {
        String id = api.post("/api/v1/grants", grant("siteId", site.id())).id();
        await("both doors hold the rule", () -> controller.rule("front", id).isPresent() && controller.rule("back", id).isPresent(),
                b -> b);
        JsonNode sync = await("both applied", () -> api.get("/api/v1/grants/" + id).json().get("sync"),
                s -> s.size() == 2 && s.get(0).get("state").asText().equals("APPLIED") && s.get(1).get("state").asText().equals("APPLIED"));
        assertThat(sync.findValuesAsText("lockName")).containsExactlyInAnyOrder("Front door", "Back door");
    }

    @Test
    void savingOnAHangingVendorAnswersAtOnceShowsPendingThenRetriesAndApplies() {
        controller.hang("/doors/");
        long before = System.nanoTime();
        ApiClient.Answer created = api.post("/api/v1/grants", grant("lockId", front.id()));
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("the save does not wait for the vendor")
                .isLessThan(Duration.ofSeconds(2));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("sync").get(0).get("state").asText()).isEqualTo("PENDING");
        String id = created.id();
        assertThat(sync(id).get("state").asText()).isEqualTo("PENDING");

        // The driver call's time limit (10 s) passes: a timeout may pass, so the row is retried after 5 s.
        JsonNode retrying = awaitSync(id, s -> s.get("state").asText().equals("RETRYING"));
        assertThat(retrying.get("lastError").asText()).contains("did not answer within");
        assertThat(Instant.parse(retrying.get("retryAt").asText())).isEqualTo(clock.instant().plusSeconds(5));

        controller.releaseHung();
        clock.advance(Duration.ofSeconds(5));
        awaitSync(id, s -> s.get("state").asText().equals("APPLIED"));
        assertThat(controller.rule("front", id)).isPresent();
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() {
        controller.failNext("/doors/", 2);
        String id = api.post("/api/v1/grants", grant("lockId", front.id())).id();
        Instant start = clock.instant();

        JsonNode first = awaitSync(id, s -> s.get("attempts").asInt() == 1);
        assertThat(first.get("state").asText()).isEqualTo("RETRYING");
        assertThat(first.get("lastError").asText()).isNotBlank();
        assertThat(Instant.parse(first.get("retryAt").asText())).isEqualTo(start.plusSeconds(5));
        sleep(Duration.ofSeconds(3));
        assertThat(sync(id).get("attempts").asInt()).as("nothing before the backoff ends").isEqualTo(1);

        clock.advance(Duration.ofSeconds(5));
        JsonNode second = awaitSync(id, s -> s.get("attempts").asInt() == 2);
        assertThat(second.get("state").asText()).isEqualTo("RETRYING");
        assertThat(Instant.parse(second.get("retryAt").asText())).isEqualTo(start.plusSeconds(5 + 30));

        clock.advance(Duration.ofSeconds(30));
        awaitSync(id, s -> s.get("state").asText().equals("APPLIED"));
        assertThat(controller.rule("front", id)).isPresent();
    }

    @Test
    void aVendorRefusalFailsWithItsReasonAndWaitsForTheGrantToChange() {
        controller.ruleLimit(0);
        String id = api.post("/api/v1/grants", grant("lockId", front.id())).id();
        JsonNode failed = awaitSync(id, s -> s.get("state").asText().equals("FAILED"));
        assertThat(failed.get("lastError").asText()).contains("example.rules-per-door").contains("at most 0");
        assertThat(failed.get("retryAt").isNull()).isTrue();

        int requests = controller.requests();
        clock.advance(Duration.ofHours(3));
        sleep(Duration.ofSeconds(3));
        assertThat(sync(id).get("state").asText()).isEqualTo("FAILED");
        assertThat(controller.rules()).isEmpty();

        controller.ruleLimit(10);
        api.put("/api/v1/grants/" + id, grant("lockId", front.id()).put("schedule", "MO-SU 06:00-22:00"));
        awaitSync(id, s -> s.get("state").asText().equals("APPLIED"));
        assertThat(controller.rule("front", id)).isPresent();
        assertThat(controller.requests()).isGreaterThan(requests);
    }

    @Test
    void revocationsGoBeforePushesSoTheyFreeRoomAtTheVendor() {
        controller.ruleLimit(2);
        String old = api.post("/api/v1/grants", grant("lockId", front.id())).id();
        awaitSync(old, s -> s.get("state").asText().equals("APPLIED"));

        controller.hang("/doors/");
        String blocking = api.post("/api/v1/grants", grant("lockId", front.id())).id();
        sleep(Duration.ofMillis(500)); // its push is at the controller, hung
        String waiting = api.post("/api/v1/grants", grant("lockId", front.id())).id();
        api.post("/api/v1/grants/" + old + "/revoke", Map.of("reason", "Moved out"));
        controller.releaseHung();

        // The door holds at most two rules: the waiting push fits only because the withdrawal went first.
        awaitSync(blocking, s -> s.get("state").asText().equals("APPLIED"));
        awaitSync(waiting, s -> s.get("state").asText().equals("APPLIED"));
        assertThat(controller.rules()).extracting(AccessRule::grantId).containsExactlyInAnyOrder(blocking, waiting);
    }

    @Test
    void aRestartLosesNothing() throws Exception {
        controller.failNext("/doors/", 1000);
        String id = api.post("/api/v1/grants", grant("lockId", front.id())).id();
        awaitSync(id, s -> s.get("state").asText().equals("RETRYING"));

        // Stopped without waiting for anything in flight; the vendor comes back while Portier is down.
        server.close();
        server = null;
        controller.failNext("/doors/", 0);
        clock.advance(Duration.ofSeconds(5));
        server = RunningServer.withAdminAndPrivateHttp(dir, clock);
        api = new ApiClient(server, ApiFixtures.token(server, server.admin(), Role.MANAGER, "after restart"));

        awaitSync(id, s -> s.get("state").asText().equals("APPLIED"));
        assertThat(controller.rule("front", id)).isPresent();
    }

    private ObjectNode grant(String target, String targetId) {
        ObjectNode grant = ApiClient.object().put("personId", ada.id()).put(target, targetId).put("delivery", "PRE_ISSUED");
        grant.putArray("permissions").add("UNLOCK");
        return grant;
    }

    private JsonNode sync(String grantId) {
        ApiClient.Answer answer = api.get("/api/v1/grants/" + grantId);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.json().get("sync")).hasSize(1);
        return answer.json().get("sync").get(0);
    }

    private JsonNode awaitSync(String grantId, Predicate<JsonNode> wanted) {
        return await("grant " + grantId + "'s sync", () -> sync(grantId), wanted);
    }

    private static <T> T await(String what, Supplier<T> read, Predicate<T> wanted) {
        Instant deadline = Instant.now().plusSeconds(25);
        T value = read.get();
        while (!wanted.test(value) && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(100));
            value = read.get();
        }
        assertThat(wanted).as("%s: %s", what, value).accepts(value);
        return value;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
