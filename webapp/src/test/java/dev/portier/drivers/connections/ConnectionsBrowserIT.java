package dev.portier.drivers.connections;

import dev.portier.plugins.example.simulator.DoorControllerSimulator;
import dev.portier.web.connections.ConnectionForm;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.portier.testing.VaadinLocators.button;
import static dev.portier.testing.VaadinLocators.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.portier.platform.db.Database;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.testing.BrowserSupport;
import dev.portier.testing.ExamplePlugin;
import dev.portier.testing.RunningServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Connections page in a real Chromium, with the example plugin and a door controller on loopback. */
class ConnectionsBrowserIT {

    static final String KEY = "browser-secret-key-9876";

    static BrowserSupport browsers;
    @TempDir
    static Path dir;
    static RunningServer server;
    static DoorControllerSimulator controller;
    BrowserContext context;

    @BeforeAll
    static void launch() throws Exception {
        ExamplePlugin.install(dir);
        controller = DoorControllerSimulator.start(KEY);
        server = RunningServer.withAdminAndPrivateHttp(dir);
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

    @Test
    void createThroughTheGeneratedFormTestOnlineAndTheSecretIsNeverEchoed() {
        Page page = signIn();
        page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Connections")).first().click();
        assertThat(page).hasTitle("Connections · Portier");

        button(page, "Add connection").click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        dialog.locator("vaadin-select").first().click();
        page.locator("vaadin-select-item", new Page.LocatorOptions().setHasText("HTTP door controller (example)")).click();
        field(page, "Name").fill("Front controller");
        field(page, "Controller URL").fill("not a url");
        assertThat(field(page, "Poll interval (seconds)")).hasValue("60");
        page.getByLabel("API key").fill(KEY);
        button(page, "Save").click();
        assertThat(page.locator("[slot=error-message]", new Page.LocatorOptions().setHasText("Controller URL is not a valid address"))).isVisible();

        field(page, "Controller URL").fill(controller.url());
        button(page, "Save").click();
        assertThat(page.getByText("Connection Front controller was added")).isVisible();

        page.locator("vaadin-grid").last().getByText("Front controller").click();
        assertThat(dialog).hasCount(1);
        Locator secret = page.getByLabel("API key");
        assertThat(secret).hasValue("");
        assertThat(dialog.getByText(ConnectionForm.STORED_SECRET).first()).isVisible();
        assertThat(field(page, "Controller URL")).hasValue(controller.url());
        assertThat(page.content()).doesNotContain(KEY);
        assertThat(fieldValues(page)).doesNotContain(KEY);

        button(page, "Test connection").click();
        assertThat(dialog.getByText("Online", new Locator.GetByTextOptions().setExact(true))).isVisible();
        button(page, "Cancel").click();
        assertThat(page.locator("vaadin-grid").last().getByText("Online", new Locator.GetByTextOptions().setExact(true))
                .first()).isVisible();
        assertThat(page.content()).doesNotContain(KEY);
    }

    @Test
    void aLockJoinsAConnectionInTheLockFormAndKeepsItWhenSavedAgain() {
        SignedInUser admin = server.admin();
        server.get(SiteService.class).create(admin, new SiteDraft("Depot", null, "Europe/Oslo"));
        Connection gate = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Gate controller",
                ExamplePlugin.DRIVER_ID, Map.of("baseUrl", controller.url(), "apiKey", KEY)));

        Page page = signIn();
        page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Locks")).first().click();
        button(page, "Add lock").click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        field(page, "Name").fill("Yard gate");
        Locator site = dialog.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Site").setExact(true));
        site.fill("Depot");
        page.locator("vaadin-combo-box-item", new Page.LocatorOptions().setHasText("Depot")).first().click();
        dialog.locator("vaadin-select", new Locator.LocatorOptions().setHasText("Connection")).click();
        page.locator("vaadin-select-item", new Page.LocatorOptions().setHasText("Gate controller (example)")).click();
        field(page, "Vendor reference").fill("gate-1");
        button(page, "Save").click();
        assertThat(page.getByText("Lock Yard gate was added")).isVisible();
        assertThat(lockRow()).isEqualTo(gate.id() + " example");

        page.locator("vaadin-grid").last().getByText("Yard gate").click();
        assertThat(dialog.locator("vaadin-select", new Locator.LocatorOptions().setHasText("Connection")))
                .containsText("Gate controller (example)");
        button(page, "Save").click();
        assertThat(page.getByText("Lock Yard gate was saved")).isVisible();
        assertThat(lockRow()).isEqualTo(gate.id() + " example");
    }

    private static String lockRow() {
        return server.get(Database.class).jdbi().withHandle(h -> h.createQuery(
                "SELECT connection_id || ' ' || driver_id FROM locks WHERE name = 'Yard gate'").mapTo(String.class).one());
    }

    /** Every input's and Vaadin field's current value: properties the page source does not show. */
    private static String fieldValues(Page page) {
        return (String) page.evaluate("() => Array.from(document.querySelectorAll("
                + "'input, textarea, vaadin-text-field, vaadin-password-field, vaadin-text-area'))"
                + ".map(e => String(e.value)).join('|')");
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
