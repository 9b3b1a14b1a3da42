package dev.portier.web.locks;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.portier.testing.VaadinLocators.button;
import static dev.portier.testing.VaadinLocators.field;
import static dev.portier.testing.VaadinLocators.fieldError;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.drivers.connections.LockHealthReports;
import dev.portier.drivers.plugins.DriverFactories;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.plugins.example.simulator.DoorControllerSimulator;
import dev.portier.testing.BrowserSupport;
import dev.portier.testing.ExamplePlugin;
import dev.portier.testing.PhoneMaterialTestPlugin;
import dev.portier.testing.RunningServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a real Chromium, with the example plugin's door controller on loopback: a lock's reported health on the
 * Locks page, enrolling with the driver's own inputs, and a connection's endpoint URL and settings check.
 */
class LockHealthAndEnrolmentBrowserIT {

    static final String KEY = "browser-health-key-1234";

    static BrowserSupport browsers;
    @TempDir
    static Path dir;
    static RunningServer server;
    static DoorControllerSimulator controller;
    static SignedInUser admin;
    static String doors;
    static String site;
    BrowserContext context;

    @BeforeAll
    static void launch() throws Exception {
        ExamplePlugin.install(dir);
        PhoneMaterialTestPlugin.install(dir);
        controller = DoorControllerSimulator.start(KEY);
        server = RunningServer.withAdminAndPrivateHttp(dir);
        admin = server.admin();
        doors = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Doors", ExamplePlugin.DRIVER_ID,
                Map.of("baseUrl", controller.url(), "apiKey", KEY))).id();
        site = server.get(SiteService.class).create(admin, new SiteDraft("Harbour", null, "UTC")).id();
        browsers = new BrowserSupport();
    }

    @AfterAll
    static void quit() {
        browsers.close();
        server.close();
        controller.close();
    }

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    static String lock(String name, String door, LockState state) {
        controller.addDoor(door);
        return server.get(LockService.class).create(admin, new LockDraft(site, name, LockKind.DOOR, null, door, state, doors)).id();
    }

    @Test
    void theLocksPageShowsWhatTheDriverReportedOfEachLock() {
        lock("Boiler room", "boiler", LockState.ACTIVE);
        lock("Quiet door", "quiet", LockState.ACTIVE);
        controller.doorStatus("boiler", true, 12);
        controller.doorStatus("quiet", false, 80);
        server.get(ConnectionService.class).test(admin, doors);
        server.get(LockHealthReports.class).flush();

        Page page = signIn();
        page.navigate(server.url("/locks"));
        Locator boiler = page.locator("vaadin-grid-cell-content", new Page.LocatorOptions().setHasText("last seen")).filter(
                new Locator.FilterOptions().setHas(page.getByText("Battery low 12 %")));
        assertThat(boiler.first()).isVisible();
        assertThat(page.getByText("Battery low 12 %").first()).isVisible();
        assertThat(page.getByText("Battery 80 %").first()).isVisible();
        assertThat(page.getByText("Offline", new Page.GetByTextOptions().setExact(true)).first()).isVisible();
        assertThat(boiler.first()).containsText("reported");
    }

    @Test
    void theEnrolDialogAsksExactlyForTheDriversInputsAndShowsARefusalAtItsField() {
        String lockId = lock("New door", "new-door", LockState.PENDING_ENROLMENT);
        Page page = signIn();
        page.navigate(server.url("/locks/" + lockId));
        button(page, "Enrol…").click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        assertThat(page.getByText("Enrol New door")).isVisible();
        assertThat(field(page, "Serial number")).isVisible();
        assertThat(dialog.locator("vaadin-password-field")).hasCount(1);
        assertThat(dialog.locator("vaadin-text-field")).hasCount(1);

        field(page, "Serial number").fill("SN-new-door");
        page.getByLabel("Installer code").fill("0000");
        button(page, "Enrol").click();
        assertThat(fieldError(page, "The controller refused the installer code.")).isVisible();

        page.getByLabel("Installer code").fill(DoorControllerSimulator.DEFAULT_INSTALLER_CODE);
        button(page, "Enrol").click();
        assertThat(page.getByText("New door was enrolled")).isVisible();
        org.assertj.core.api.Assertions.assertThat(server.get(LockService.class).get(admin, lockId).state()).isEqualTo(LockState.ACTIVE);
    }

    @Test
    void aConnectionShowsItsEndpointUrlAndTheDriversVerdictOnTheTypedSettings() {
        String pluginId = server.get(DriverFactories.class).byId(ExamplePlugin.DRIVER_ID).orElseThrow().pluginId();
        Page page = signIn();
        page.navigate(server.url("/connections/" + doors));
        assertThat(field(page, "Endpoint URL for the vendor's portal"))
                .hasValue(server.url("/api/plugins/" + pluginId + "/connections/" + doors + "/"));

        page.getByLabel("API key").fill("wrong-key");
        button(page, "Save").click();
        assertThat(fieldError(page, "The controller refused the API key")).isVisible();

        page.getByLabel("API key").fill(KEY);
        button(page, "Check settings").click();
        assertThat(page.getByText("The driver accepts these settings.")).isVisible();
        assertThat(page.getByText("The controller (firmware")).isVisible();
        assertThat(fieldError(page, "The controller refused the API key")).isHidden();

        page.getByLabel("API key").fill("wrong-key");
        button(page, "Check settings").click();
        assertThat(fieldError(page, "The controller refused the API key")).isVisible();
        assertThat(page.getByText("The driver accepts these settings.")).isHidden();
    }

    @Test
    void choicesTheDriverOffersReplaceTheTypedFieldWithASelect() {
        Page page = signIn();
        page.navigate(server.url("/connections/new"));
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        dialog.locator("vaadin-select").first().click();
        page.locator("vaadin-select-item", new Page.LocatorOptions().setHasText("Phone material test driver")).click();
        field(page, "Name").fill("Vendor with accounts");
        field(page, "Owner account").fill("bogus");
        button(page, "Check settings").click();
        assertThat(fieldError(page, "No vendor account bogus")).isVisible();
        assertThat(page.getByText("Certificate CN=Test Intermediate, valid until 2031-01-01")).isVisible();

        Locator owner = dialog.locator("vaadin-select", new Locator.LocatorOptions().setHasText("Owner account"));
        owner.click();
        page.locator("vaadin-select-item", new Page.LocatorOptions().setHasText("Depot GmbH (acct-2)")).click();
        button(page, "Check settings").click();
        assertThat(page.getByText("The driver accepts these settings.")).isVisible();
        button(page, "Save").click();
        assertThat(page.getByText("Connection Vendor with accounts was added")).isVisible();
        org.assertj.core.api.Assertions.assertThat(server.get(ConnectionService.class).list(admin, 0, 10))
                .anySatisfy(c -> org.assertj.core.api.Assertions.assertThat(c.settings()).containsEntry("owner", "acct-2"));
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
