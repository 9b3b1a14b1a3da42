package dev.portier.web.api;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.portier.testing.VaadinLocators.button;
import static dev.portier.testing.VaadinLocators.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.drivers.connections.CertificateExpiryWarnings;
import dev.portier.drivers.connections.ConnectionCertificates;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.drivers.sandbox.SandboxService;
import dev.portier.plugin.api.SandboxActions.SandboxOutcome;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.testing.BrowserSupport;
import dev.portier.testing.BundledPluginJar;
import dev.portier.testing.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The customer intermediate of an InVue sandbox connection (the plugin's jar, loaded by PF4J) on a clock the
 * test moves towards its expiry: the connection's certificate is known to the host from what the driver
 * publishes for phones; warnings 30, 7 and 1 days ahead and at expiry land once each on the connection's
 * locks' timelines (a certificate first seen late gets only the most urgent one), and the dashboard shows it.
 */
class CertificateExpiryIT {

    @TempDir
    static Path dir;
    static MutableClock clock = new MutableClock(Instant.now());
    static RunningServer server;
    static SignedInUser admin;
    static ApiClient manager;
    static String connectionId;
    static String lockId;
    static String otherLockId;

    @BeforeAll
    static void launch() throws Exception {
        BundledPluginJar.install(dir, "invue");
        server = RunningServer.withAdmin(dir, clock);
        admin = ApiFixtures.admin(server);
        manager = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "Manager token"));
        String siteId = manager.post("/api/v1/sites", ApiCrudIT.site("Shop", "UTC")).id();
        connectionId = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Shop InVue", "invue",
                Map.of("mode", "sandbox"))).id();
        lockId = server.get(LockService.class).create(admin, new LockDraft(siteId, "Till", LockKind.CABINET, null,
                "0000051a00000005", LockState.PENDING_ENROLMENT, connectionId)).id();
        otherLockId = server.get(LockService.class).create(admin, new LockDraft(siteId, "Door without connection", LockKind.DOOR,
                null, null, LockState.ACTIVE, null)).id();
    }

    @AfterAll
    static void quit() {
        server.close();
    }

    @Test
    void warningsComeOnceEachAt30And7And1DaysAndAtExpiryAndTheDashboardShowsTheCertificate() throws Exception {
        ConnectionCertificates.Certificate intermediate = intermediate();
        assertThat(intermediate.subject()).contains("CN=");
        assertThat(intermediate.connectionName()).isEqualTo("Shop InVue");
        CertificateExpiryWarnings warnings = server.get(CertificateExpiryWarnings.class);

        clock.set(intermediate.notAfter().minus(Duration.ofDays(40)));
        assertThat(warnings.check()).isZero();
        assertThat(server.get(ConnectionCertificates.class).expiring(admin, Duration.ofDays(30))).isEmpty();

        clock.set(intermediate.notAfter().minus(Duration.ofDays(29)));
        assertThat(warnings.check()).isEqualTo(1);
        assertThat(warnings.check()).as("given once").isZero();
        assertThat(server.get(ConnectionCertificates.class).expiring(admin, Duration.ofDays(30))).hasSize(1);

        clock.set(intermediate.notAfter().minus(Duration.ofDays(6)));
        assertThat(warnings.check()).isEqualTo(1);
        clock.set(intermediate.notAfter().minus(Duration.ofHours(12)));
        assertThat(warnings.check()).isEqualTo(1);
        assertThat(warnings.check()).isZero();
        clock.set(intermediate.notAfter().plus(Duration.ofHours(1)));
        assertThat(warnings.check()).isEqualTo(1);
        assertThat(warnings.check()).isZero();

        List<JsonNode> events = certificateEvents(lockId);
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactlyInAnyOrder("CERTIFICATE_EXPIRING",
                "CERTIFICATE_EXPIRING", "CERTIFICATE_EXPIRING", "CERTIFICATE_EXPIRED");
        assertThat(events).extracting(e -> e.get("details").path("daysAhead").asText(""))
                .containsExactlyInAnyOrder("30", "7", "1", "");
        assertThat(events).allSatisfy(e -> assertThat(e.get("details").get("certificate").asText()).isEqualTo(intermediate.subject()));
        assertThat(certificateEvents(otherLockId)).isEmpty();

        clock.set(intermediate.notAfter().minus(Duration.ofDays(10)));
        try (BrowserSupport browsers = new BrowserSupport(); BrowserContext context = browsers.browser().newContext()) {
            Page page = context.newPage();
            page.navigate(server.url("/login"));
            field(page, "Email").fill(RunningServer.ADMIN_EMAIL);
            field(page, "Password").fill(RunningServer.ADMIN_PASSWORD);
            button(page, "Log in").click();
            page.waitForURL(server.url("/"));
            assertThat(page.getByText("Certificates to renew (1)")).isVisible();
            assertThat(page.locator(".expiring-certificates")).containsText("Shop InVue · " + intermediate.subject());
            assertThat(page.locator(".expiring-certificates")).containsText("in 10 days");
        }

        // Renewal: the renewed intermediate uploaded to the connection replaces what phones get; first seen with
        // 5 days left, it gets only the most urgent warning due (7 days), not the 30-day one as well.
        clock.set(intermediate.notAfter().minus(Duration.ofDays(20)));
        SandboxOutcome renewal = server.get(SandboxService.class).run(admin, connectionId, "renew-intermediate", Map.of());
        String pem = String.join("\n", renewal.transcript()).replaceAll("(?s).*?(-----BEGIN CERTIFICATE-----.*-----END CERTIFICATE-----).*", "$1");
        Map<String, String> settings = new java.util.HashMap<>(server.get(ConnectionService.class).get(admin, connectionId).settings());
        settings.put("intermediateCertificate", pem);
        server.get(ConnectionService.class).update(admin, connectionId, new ConnectionDraft("Shop InVue", "invue", settings));
        ConnectionCertificates.Certificate renewed = intermediate(c -> c.notAfter().isAfter(intermediate.notAfter()));
        assertThat(renewed.subject()).isEqualTo(intermediate.subject());
        clock.set(renewed.notAfter().minus(Duration.ofDays(5)));
        assertThat(warnings.check()).isEqualTo(1);
        assertThat(certificateEvents(lockId)).filteredOn(e -> e.get("details").get("expiresAt").asText()
                .equals(renewed.notAfter().toString())).extracting(e -> e.get("details").get("daysAhead").asText())
                .containsExactly("7");
    }

    private static ConnectionCertificates.Certificate intermediate() throws InterruptedException {
        return intermediate(c -> true);
    }

    private static ConnectionCertificates.Certificate intermediate(java.util.function.Predicate<ConnectionCertificates.Certificate> wanted)
            throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<ConnectionCertificates.Certificate> found = server.get(ConnectionCertificates.class).of(admin, connectionId)
                    .stream().filter(wanted).toList();
            if (!found.isEmpty()) {
                assertThat(found).hasSize(1);
                return found.getFirst();
            }
            Thread.sleep(100); // the driver publishes the intermediate in its first scheduled check, right after start
        }
        throw new AssertionError("The InVue driver never published its intermediate certificate");
    }

    private static List<JsonNode> certificateEvents(String lock) {
        List<JsonNode> found = new ArrayList<>();
        manager.get("/api/v1/locks/" + lock + "/events").json().get("items").forEach(event -> {
            if (event.get("type").asText().startsWith("CERTIFICATE_")) {
                found.add(event);
            }
        });
        return found;
    }
}
