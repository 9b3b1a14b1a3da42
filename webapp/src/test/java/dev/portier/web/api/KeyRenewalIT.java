package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.identity.accounts.Role;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.plugins.reference.LockSimulator;
import dev.portier.plugins.reference.PhoneSimulator;
import dev.portier.plugins.reference.PhoneSimulator.TapOutcome;
import dev.portier.plugins.reference.PhoneState.HeldKey;
import dev.portier.plugins.reference.SyncReport;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.testing.BundledPluginJar;
import dev.portier.testing.RunningServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys live at most 7 days and are renewed while their grant lasts; Portier and the lock share a clock the test moves. */
class KeyRenewalIT {

    static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @TempDir
    static Path dir;
    static RunningServer server;
    static ApiClient manager;
    static String site;
    static String connectionId;

    @BeforeAll
    static void start() throws Exception {
        BundledPluginJar.install(dir, "reference");
        server = RunningServer.withAdmin(dir, CLOCK);
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
    void keysAreRenewedBeforeTheyExpireWhileTheGrantLastsAndNeverOutliveIt() {
        String lockId = manager.post("/api/v1/locks", ApiCrudIT.lock(site, "Door").put("connectionId", connectionId)
                .put("vendorReference", "REF-1")).id();
        LockSimulator lock = TrustFixtures.enrol(manager, lockId, CLOCK);
        String personId = manager.post("/api/v1/people", ApiCrudIT.person("Robin", "robin@example.com")).id();
        String code = manager.post("/api/v1/trust/device-enrolment-codes", ApiClient.object().put("personId", personId))
                .json().get("code").asText();
        PhoneSimulator phone = PhoneSimulator.create(URI.create(server.url("")), CLOCK);
        phone.register(code, "Robin's phone");
        Instant grantEnd = CLOCK.instant().plus(Duration.ofDays(12));
        ObjectNode grant = ApiClient.object().put("personId", personId).put("lockId", lockId).put("delivery", "PRE_ISSUED")
                .put("validUntil", grantEnd.toString());
        grant.putArray("permissions").add("UNLOCK");
        manager.post("/api/v1/grants", grant);

        phone.sync();
        HeldKey first = phone.keys().getFirst();
        assertThat(first.notAfter()).isEqualTo(CLOCK.instant().plus(Duration.ofDays(7)));

        CLOCK.advance(Duration.ofDays(3));
        assertThat(phone.sync().keysReceived()).as("more than a third of its life left: no renewal").isEmpty();

        CLOCK.advance(Duration.ofDays(2)); // two days left
        SyncReport renewal = phone.sync();
        assertThat(renewal.keysReceived()).hasSize(1);
        assertThat(renewal.keysDeleted()).containsExactly(first.keyId());
        HeldKey second = phone.keys().getFirst();
        assertThat(second.notAfter()).as("capped by the grant's end").isEqualTo(grantEnd);
        assertThat(phone.tap(lock, "UNLOCK").outcome()).isEqualTo(TapOutcome.OPENED);

        CLOCK.advance(Duration.ofDays(6)); // a day before the grant ends: the key already lasts as long as the grant
        assertThat(phone.sync().keysReceived()).isEmpty();
        CLOCK.advance(Duration.ofDays(2));
        assertThat(phone.tap(lock, "UNLOCK").verdict().opens()).isFalse();
        assertThat(phone.sync().keysReceived()).isEmpty();
    }
}
