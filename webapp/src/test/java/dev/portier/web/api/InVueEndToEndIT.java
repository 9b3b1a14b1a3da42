package dev.portier.web.api;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.portier.testing.VaadinLocators.button;
import static dev.portier.testing.VaadinLocators.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.drivers.connections.Connection;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.drivers.sandbox.SandboxService;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.plugin.api.SandboxActions.SandboxOutcome;
import dev.portier.plugins.reference.PhoneSimulator;
import dev.portier.testing.BrowserSupport;
import dev.portier.testing.BundledPluginJar;
import dev.portier.testing.RunningServer;
import dev.portier.web.api.ApiClient.Answer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #14's walk-through, with the InVue plugin's jar loaded by PF4J and its sandbox (simulated LIVE Lock
 * API, CA and locks) in a real Chromium: a new user connects InVue, unboxes a simulated lock on the Sandbox
 * page and enrols it by provisioning code in the lock's Enrol dialog; a person gets a grant; their phone
 * (the mobile API, over HTTP) receives the intermediate and that lock's key certificate, which open the
 * simulated lock; after revocation the phone's next sync no longer has it, and the revocation exposure page
 * shows the kept copy's residual risk with "Rotate intermediate". A second registration of a serial leaves
 * a visible status on the lock.
 */
class InVueEndToEndIT {

    static BrowserSupport browsers;
    @TempDir
    static Path dir;
    static RunningServer server;
    static SignedInUser admin;
    static ApiClient manager;
    static String siteId;
    BrowserContext context;

    @BeforeAll
    static void launch() throws Exception {
        BundledPluginJar.install(dir, "invue");
        server = RunningServer.withAdmin(dir);
        admin = ApiFixtures.admin(server);
        manager = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "Manager token"));
        siteId = manager.post("/api/v1/sites", ApiCrudIT.site("Shop", "Europe/Oslo")).id();
        browsers = new BrowserSupport();
    }

    @AfterAll
    static void quit() {
        browsers.close();
        server.close();
    }

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void aPhoneGetsTheCertificatesOfItsGrantOpensTheLockAndLosesThemAtTheSyncAfterRevocation() throws Exception {
        Page page = signIn();
        String connectionId = connectInVue(page, "Shop InVue");

        Map<String, String> unboxed = unbox(page, "Shop InVue");
        String serial = unboxed.get("Serial number");
        String lockId = server.get(LockService.class).create(admin, new LockDraft(siteId, "Stock room", LockKind.DOOR, null,
                serial, LockState.PENDING_ENROLMENT, connectionId)).id();

        page.navigate(server.url("/locks/" + lockId));
        button(page, "Enrol…").click();
        field(page, "Serial number").fill(serial);
        field(page, "Lock type").fill(unboxed.get("Lock type"));
        page.getByLabel("Provisioning code").fill(unboxed.get("Provisioning code"));
        button(page, "Enrol").click();
        assertThat(page.getByText("Stock room was enrolled")).isVisible();
        assertThat(server.get(LockService.class).get(admin, lockId).state()).isEqualTo(LockState.ACTIVE);

        String personId = manager.post("/api/v1/people", ApiCrudIT.person("Ida Installer", "ida@example.com")).id();
        ApiClient phone = phoneOf(personId, "Ida's phone");
        assertThat(material(phone)).isEmpty();
        Answer granted = manager.post("/api/v1/grants", ApiCrudIT.grant(personId, null).put("lockId", lockId));
        assertThat(granted.status()).as(granted.toString()).isEqualTo(201);

        Map<String, X509Certificate> onPhone = material(phone);
        assertThat(onPhone).containsOnlyKeys("invue.intermediateCertificate@", "invue.keyCertificate@" + lockId);
        X509Certificate keyCertificate = onPhone.get("invue.keyCertificate@" + lockId);
        X509Certificate intermediate = onPhone.get("invue.intermediateCertificate@");
        assertThat(keyCertificate.getSubjectX500Principal().getName()).contains(serial);
        assertThat(present(connectionId, lockId, keyCertificate, intermediate)).anySatisfy(line ->
                assertThat(line).contains("Lock " + serial + ": unlocked"));

        Answer revoked = manager.post("/api/v1/grants/" + granted.id() + "/revoke", ApiClient.object().put("reason", "Left the shop"));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(material(phone)).as("the phone's next sync").isEmpty();
        // The residual risk the exposure page states: a phone that kept its copy still opens the lock.
        assertThat(present(connectionId, lockId, keyCertificate, intermediate)).anySatisfy(line ->
                assertThat(line).contains("Lock " + serial + ": unlocked"));

        page.navigate(server.url("/revocation-exposure"));
        Locator copies = page.locator("vaadin-grid.copies-on-phones");
        assertThat(page.getByText("Certificates kept on phones (1)")).isVisible();
        assertThat(page.getByText("cannot be revoked at the lock", new Page.GetByTextOptions().setExact(false))).isVisible();
        assertThat(copies).containsText("Stock room");
        assertThat(copies).containsText("Ida Installer · Ida's phone");
        assertThat(copies).containsText("Told to drop it at its sync of");
        assertThat(copies).containsText("(intermediate expires)");
        copies.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Rotate intermediate")).click();
        page.waitForURL(server.url("/connections/" + connectionId));
        assertThat(page.locator(".connection-certificate")).containsText("Certificate on phones: CN=");
        assertThat(page.locator(".connection-certificate")).containsText("valid until");
    }

    @Test
    void anEnrolmentInVueRefusesLeavesAStatusOnTheLockWithTheWayOut() throws Exception {
        Page page = signIn();
        String connectionId = connectInVue(page, "Depot InVue");
        Map<String, String> unboxed = unbox(page, "Depot InVue");
        String serial = unboxed.get("Serial number");
        String lockId = server.get(LockService.class).create(admin, new LockDraft(siteId, "Depot door", LockKind.DOOR, null, serial,
                LockState.PENDING_ENROLMENT, connectionId)).id();
        String wrongCode = Base64.getEncoder().encodeToString(new byte[256]);
        Answer refused = manager.post("/api/v1/locks/" + lockId + "/enrolment",
                enrolment(Map.of("serialNumber", serial, "enrolmentCode", wrongCode)));
        assertThat(refused.status()).as(refused.toString()).isBetween(400, 499);

        page.navigate(server.url("/locks"));
        assertThat(page.getByText("Enrolment failed").first()).isVisible();
        page.navigate(server.url("/locks/" + lockId));
        button(page, "Enrol…").click();
        Locator attempt = page.locator(".enrolment-attempt");
        assertThat(attempt).containsText("The last attempt (");
        assertThat(attempt).containsText("InVue refused the enrolment of " + serial);
        assertThat(attempt).containsText("import its key certificate");
        assertThat(page.getByLabel("Existing key certificate (PEM or Base64)")).isVisible();

        // The way out: the right code enrols it, and the status goes.
        Answer enrolled = manager.post("/api/v1/locks/" + lockId + "/enrolment",
                enrolment(Map.of("serialNumber", serial, "enrolmentCode", unboxed.get("Provisioning code"))));
        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(200);
        page.navigate(server.url("/locks/" + lockId));
        button(page, "Enrol…").click();
        assertThat(page.getByText("Enrolled on ")).isVisible();
        assertThat(page.locator(".enrolment-attempt")).hasCount(0);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode enrolment(Map<String, String> inputs) {
        com.fasterxml.jackson.databind.node.ObjectNode body = ApiClient.object();
        com.fasterxml.jackson.databind.node.ObjectNode values = body.putObject("inputs");
        inputs.forEach(values::put);
        return body;
    }

    /** Adds an InVue connection in sandbox mode through the connection form: a newcomer leaves every field as it is. */
    private String connectInVue(Page page, String name) {
        page.navigate(server.url("/connections/new"));
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        dialog.locator("vaadin-select").first().click();
        page.locator("vaadin-select-item", new Page.LocatorOptions().setHasText("InVue LIVE Lock")).click();
        field(page, "Name").fill(name);
        button(page, "Check settings").click();
        assertThat(page.getByText("The driver accepts these settings.")).isVisible();
        button(page, "Save").click();
        assertThat(page.getByText("Connection " + name + " was added")).isVisible();
        return server.get(ConnectionService.class).list(admin, 0, 50).stream().filter(c -> c.name().equals(name))
                .map(Connection::id).findFirst().orElseThrow();
    }

    /** Runs "Unbox a simulated lock" on the Sandbox page and reads what the SDK would read from the lock. */
    private Map<String, String> unbox(Page page, String connectionName) {
        page.navigate(server.url("/sandbox"));
        page.locator("vaadin-select", new Page.LocatorOptions().setHasText("Connection")).first().click();
        page.locator("vaadin-select-item", new Page.LocatorOptions().setHasText(connectionName)).first().click();
        button(page, "Unbox a simulated lock").click();
        Locator card = page.locator("div", new Page.LocatorOptions().setHas(page.getByRole(AriaRole.HEADING,
                new Page.GetByRoleOptions().setName("Unbox a simulated lock").setExact(true)))).last();
        Locator transcript = card.locator(".sandbox-transcript");
        assertThat(transcript).containsText("Provisioning code: ");
        Map<String, String> read = new HashMap<>();
        Matcher line = Pattern.compile("(Serial number|Lock type|Provisioning code): (\\S+)").matcher(transcript.innerText());
        while (line.find()) {
            read.put(line.group(1), line.group(2));
        }
        assertThat(read).containsKeys("Serial number", "Lock type", "Provisioning code");
        return read;
    }

    /** A phone of the person, registered through the mobile API with a device enrolment code. */
    private static ApiClient phoneOf(String personId, String name) {
        PhoneSimulator phone = PhoneSimulator.create(URI.create(server.url("")), Clock.systemUTC());
        Answer code = manager.post("/api/v1/trust/device-enrolment-codes", ApiClient.object().put("personId", personId));
        phone.register(code.json().get("code").asText(), name);
        return manager.withToken(phone.deviceToken());
    }

    /** What the phone's sync hands it, "name@lockId" (lockId empty for the connection's), as certificates. */
    private static Map<String, X509Certificate> material(ApiClient phone) throws Exception {
        Answer answer = phone.get("/api/v1/mobile/material");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        Map<String, X509Certificate> found = new HashMap<>();
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        for (JsonNode item : answer.json().get("material")) {
            assertThat(item.get("mediaType").asText()).isEqualTo("application/pkix-cert");
            String lock = item.get("lockId").isNull() ? "" : item.get("lockId").asText();
            found.put(item.get("name").asText() + "@" + lock, (X509Certificate) x509.generateCertificate(
                    new ByteArrayInputStream(Base64.getDecoder().decode(item.get("content").asText()))));
        }
        return found;
    }

    /** The phone holds the certificates it has to the simulated lock (the sandbox's "Present" action). */
    private static java.util.List<String> present(String connectionId, String lockId, X509Certificate keyCertificate,
            X509Certificate intermediate) throws Exception {
        SandboxOutcome outcome = server.get(SandboxService.class).run(admin, connectionId, "present-certificates",
                Map.of("lock", lockId, "keyCertificate", pem(keyCertificate), "intermediate", pem(intermediate)));
        assertThat(outcome.succeeded()).as(String.join("\n", outcome.transcript())).isTrue();
        return outcome.transcript();
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private Page signIn() {
        context = browsers.browser().newContext();
        Page page = context.newPage();
        page.navigate(server.url("/login"));
        field(page, "Email").fill(RunningServer.ADMIN_EMAIL);
        field(page, "Password").fill(RunningServer.ADMIN_PASSWORD);
        button(page, "Log in").click();
        page.waitForURL(server.url("/"));
        return page;
    }
}
