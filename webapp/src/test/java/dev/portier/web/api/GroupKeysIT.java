package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.plugins.reference.LockSimulator;
import dev.portier.plugins.reference.PhoneSimulator;
import dev.portier.plugins.reference.PhoneSimulator.TapOutcome;
import dev.portier.plugins.reference.PhoneState;
import dev.portier.plugins.reference.LockProtocol.Reason;
import dev.portier.testing.BundledPluginJar;
import dev.portier.testing.RunningServer;
import dev.portier.web.api.ApiClient.Answer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Membership changes reach a driver: with the reference plugin (trust keys, real signatures, a phone and
 * locks simulated over real HTTP), joining a people group gives a person's phone keys on the group grant's
 * lock group, and leaving it revokes them — through the background reconciliation (KeysFollowGrants), with
 * nobody calling the key issuer; the test only polls, with a deadline.
 */
class GroupKeysIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    static RunningServer server;
    static ApiClient manager;
    static String connectionId;
    static String site;

    @BeforeAll
    static void start() throws Exception {
        BundledPluginJar.install(dir, "reference");
        server = RunningServer.withAdmin(dir, clock);
        SignedInUser admin = ApiFixtures.admin(server);
        manager = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "Manager token"));
        connectionId = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Reference locks", "reference",
                Map.of("mode", "production"))).id();
        site = manager.post("/api/v1/sites", ApiCrudIT.site("Harbour", "UTC")).id();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void joiningAGroupIssuesKeysOnItsLockGroupAndLeavingRevokesThem() {
        LockSimulator front = enrolledLock("Front door");
        LockSimulator garage = enrolledLock("Garage door");
        PhoneSimulator stayer = personWithPhone("Stayer", "stayer@example.com");
        PhoneSimulator joiner = personWithPhone("Joiner", "joiner@example.com");
        String staff = manager.post("/api/v1/people-groups", ApiClient.object().put("name", "Cleaning staff")).id();
        String doors = manager.post("/api/v1/lock-groups", ApiClient.object().put("name", "Common doors")).id();
        assertThat(manager.post("/api/v1/lock-groups/" + doors + "/members", ids(front.lockId(), garage.lockId())).status()).isEqualTo(200);
        assertThat(manager.post("/api/v1/people-groups/" + staff + "/members", ids(stayer.personId())).status()).isEqualTo(200);
        ObjectNode grant = ApiCrudIT.grant(null, null).put("name", "Cleaning").put("peopleGroupId", staff).put("lockGroupId", doors);
        grant.remove("personId");
        Answer created = manager.post("/api/v1/grants", grant);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        awaitKeys(stayer, 2);

        // The joiner has no key until they join the group; then the background issues one per lock of the lock group.
        assertThat(joiner.sync().keysReceived()).isEmpty();
        assertThat(joiner.tap(front, "UNLOCK").outcome()).isNotEqualTo(TapOutcome.OPENED);
        assertThat(manager.post("/api/v1/people-groups/" + staff + "/members", ids(joiner.personId())).status()).isEqualTo(200);
        List<String> joinersKeys = awaitKeys(joiner, 2);
        assertThat(joiner.tap(front, "UNLOCK").outcome()).isEqualTo(TapOutcome.OPENED);
        assertThat(joiner.tap(garage, "UNLOCK").outcome()).isEqualTo(TapOutcome.OPENED);

        // Leaving revokes them: a lock that got the new revocation list (carried by the stayer's phone) refuses the
        // leaver's key, and the leaver's phone is told to delete both keys.
        Answer left = manager.delete("/api/v1/people-groups/" + staff + "/members?id=" + joiner.personId());
        assertThat(left.status()).as(left.toString()).isEqualTo(200);
        await("the front door refuses the leaver's key once the stayer brought it the new list", () -> {
            stayer.sync();
            assertThat(stayer.tap(front, "UNLOCK").outcome()).as("the stayer still opens").isEqualTo(TapOutcome.OPENED);
            PhoneSimulator.TapResult tap = joiner.tap(front, "UNLOCK");
            return tap.verdict() != null && tap.verdict().reason() == Reason.REVOKED;
        });
        Set<String> deleted = new HashSet<>();
        await("the leaver's phone is told to delete both keys", () -> {
            deleted.addAll(joiner.sync().keysDeleted());
            return deleted.containsAll(joinersKeys);
        });
        assertThat(joiner.keys()).isEmpty();
        assertThat(manager.get("/api/v1/grants?personId=" + joiner.personId() + "&status=REVOKED").json().get("items")
                .findValuesAsText("revokeReason")).containsOnly("Left group Cleaning staff");
    }

    /** Syncs the phone until it holds {@code count} keys, within the deadline; returns their ids. */
    static List<String> awaitKeys(PhoneSimulator phone, int count) {
        List<String> received = new ArrayList<>();
        await(phone.name() + " holds " + count + " keys", () -> {
            received.addAll(phone.sync().keysReceived());
            return phone.keys().size() >= count;
        });
        return phone.keys().stream().map(PhoneState.HeldKey::keyId).toList();
    }

    static void await(String what, Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not within " + DEADLINE + ": " + what);
            }
            try {
                Thread.sleep(100); // polling interval, not an assertion
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static ObjectNode ids(String... ids) {
        ObjectNode body = ApiClient.object();
        var array = body.putArray("ids");
        for (String id : ids) {
            array.add(id);
        }
        return body;
    }

    static LockSimulator enrolledLock(String name) {
        ObjectNode body = ApiCrudIT.lock(site, name).put("state", "PENDING_ENROLMENT").put("connectionId", connectionId)
                .put("vendorReference", "REF-" + name.replace(' ', '-'));
        Answer created = manager.post("/api/v1/locks", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return TrustFixtures.enrol(manager, created.id(), clock);
    }

    static PhoneSimulator personWithPhone(String name, String email) {
        String personId = manager.post("/api/v1/people", ApiCrudIT.person(name, email)).id();
        Answer code = manager.post("/api/v1/trust/device-enrolment-codes", ApiClient.object().put("personId", personId));
        assertThat(code.status()).as(code.toString()).isEqualTo(201);
        PhoneSimulator phone = PhoneSimulator.create(URI.create(server.url("")), clock);
        phone.register(code.json().get("code").asText(), name + "'s phone");
        return phone;
    }
}
