package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.drivers.trust.KeyIssuer;
import dev.portier.drivers.trust.KeyMaintenance;
import dev.portier.drivers.trust.TrustSettings;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.plugins.reference.LockSimulator;
import dev.portier.plugins.reference.PhoneSimulator;
import dev.portier.testing.BundledPluginJar;
import dev.portier.testing.RunningServer;
import dev.portier.web.api.ApiClient.Answer;
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

/**
 * The key maintenance pass reconciles only the accounts where time changed something: with nothing due
 * it reconciles none, and it still renews a key entering its renewal window and issues the key of a
 * grant that came within one key lifetime — on the server's own (moved) clock.
 */
class KeyMaintenanceIT {

    private static final Duration LIFETIME = TrustSettings.DEFAULTS.keyLifetime();

    @TempDir
    static Path dir;
    static MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    static RunningServer server;
    static SignedInUser admin;
    static ApiClient manager;
    static String connectionId;
    static String site;

    @BeforeAll
    static void start() throws Exception {
        BundledPluginJar.install(dir, "reference");
        server = RunningServer.withAdmin(dir, clock);
        admin = ApiFixtures.admin(server);
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
    void aPassReconcilesOnlyWhatTimeMadeDue() {
        KeyMaintenance maintenance = server.get(KeyMaintenance.class);
        LockSimulator lock = enrolledLock("Front door");
        PhoneSimulator phone = personWithPhone("Ada", "ada@example.com");
        grant(phone, lock, null);
        double issued = keysIssued();
        assertThat(issued).isEqualTo(1);

        maintenance.pass(); // the first pass after start looks at every account
        assertThat(maintenance.pass()).as("nothing changed: no account reconciled").isZero();

        // A grant starting a day after one key lifetime: no key yet, and none while it stays that far off.
        Instant start = clock.instant();
        PhoneSimulator later = personWithPhone("Bo", "bo@example.com");
        grant(later, lock, start.plus(LIFETIME).plus(Duration.ofDays(1)));
        assertThat(keysIssued()).isEqualTo(issued);
        clock.advance(Duration.ofHours(1));
        assertThat(maintenance.pass()).isZero();
        assertThat(keysIssued()).isEqualTo(issued);

        // A day later it is within one key lifetime: its key is issued. (The timer's own pass may have been first.)
        clock.advance(Duration.ofHours(23).plusMinutes(2));
        maintenance.pass();
        assertThat(keysIssued()).isEqualTo(issued + 1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(maintenance.pass()).as("issued: nothing due any more").isZero();

        // The first key enters its renewal window (a third of its lifetime before its end): renewed.
        clock.set(start.plus(LIFETIME.minus(LIFETIME.dividedBy(3))).plus(Duration.ofMinutes(1)));
        maintenance.pass();
        assertThat(keysIssued()).isEqualTo(issued + 2);
        clock.advance(Duration.ofMinutes(1));
        assertThat(maintenance.pass()).as("renewed: nothing due any more").isZero();
        assertThat(keysIssued()).isEqualTo(issued + 2);
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

    static void grant(PhoneSimulator phone, LockSimulator lock, Instant validFrom) {
        ObjectNode grant = ApiClient.object().put("personId", phone.personId()).put("lockId", lock.lockId()).put("delivery", "PRE_ISSUED");
        if (validFrom != null) {
            grant.put("validFrom", validFrom.toString());
        }
        grant.putArray("permissions").add("UNLOCK");
        Answer created = manager.post("/api/v1/grants", grant);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        server.get(KeyIssuer.class).reconcileGrantQuietly(admin.accountId(), created.id());
    }

    static double keysIssued() {
        return server.get(dev.portier.platform.metrics.Metrics.class).registry().find("portier.keys.issued").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }
}
