package dev.portier.drivers.sync;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.portier.testing.VaadinLocators.button;
import static dev.portier.testing.VaadinLocators.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantDraft;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.grants.Permission;
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
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.plugin.api.GrantSync;
import dev.portier.plugins.example.simulator.DoorControllerSimulator;
import dev.portier.testing.BrowserSupport;
import dev.portier.testing.ExamplePlugin;
import dev.portier.testing.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grant sync as a manager sees it in a real Chromium: the grant's dialog and the dashboard. */
class GrantSyncBrowserIT {

    static final String KEY = "browser-sync-key-42";

    static BrowserSupport browsers;
    @TempDir
    static Path dir;
    static RunningServer server;
    static DoorControllerSimulator controller;
    static Person ada;
    static Lock front;
    BrowserContext context;

    @BeforeAll
    static void launch() throws Exception {
        ExamplePlugin.install(dir);
        controller = DoorControllerSimulator.start(KEY);
        controller.addDoor("front");
        server = RunningServer.withAdminAndPrivateHttp(dir);
        SignedInUser admin = server.admin();
        Site site = server.get(SiteService.class).create(admin, new SiteDraft("Depot", null, "Europe/Oslo"));
        Connection connection = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Doors",
                ExamplePlugin.DRIVER_ID, Map.of("baseUrl", controller.url(), "apiKey", KEY)));
        front = server.get(LockService.class).create(admin, new LockDraft(site.id(), "Front door", LockKind.DOOR, null, "front",
                LockState.ACTIVE, connection.id()));
        ada = server.get(PersonService.class).create(admin, new PersonDraft("Ada Lovelace", "ada@example.com", null, null));
        Instant deadline = Instant.now().plusSeconds(10);
        while (!server.get(ConnectionRuntime.class).offers(connection.id(), GrantSync.class) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
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
        controller.releaseHung();
        controller.ruleLimit(Integer.MAX_VALUE);
        if (context != null) {
            context.close();
        }
    }

    @Test
    void savingOnAHangingVendorReturnsAtOnceAndTheDialogShowsPendingThenApplied() {
        controller.hang("/doors/");
        Page page = signIn();
        page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Grants")).first().click();
        button(page, "Add grant").click();
        pick(page, "Person", "Ada", "Ada Lovelace");
        pick(page, "Lock", "Front", "Front door");
        long before = System.nanoTime();
        button(page, "Save").click();
        assertThat(page.getByText("Grant for Ada Lovelace was added")).isVisible();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("the save does not wait for the hung vendor")
                .isLessThan(Duration.ofSeconds(3));

        page.locator("vaadin-grid").last().getByText("Front door").first().click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        assertThat(dialog.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName("Vendor sync"))).isVisible();
        assertThat(dialog.getByText("Pending", new Locator.GetByTextOptions().setExact(true))).isVisible();

        controller.releaseHung();
        Locator applied = dialog.getByText("Applied", new Locator.GetByTextOptions().setExact(true));
        for (int i = 0; i < 40 && applied.count() == 0; i++) {
            button(page, "Refresh").click();
            page.waitForTimeout(250);
        }
        assertThat(applied).isVisible();
        assertThat(dialog.getByText(Pattern.compile("vendor reference rule-"))).isVisible();
    }

    @Test
    void aRefusedSyncShowsOnTheDashboardWithALinkToTheGrantAndItsReason() throws Exception {
        controller.ruleLimit(0);
        SignedInUser admin = server.admin();
        Grant grant = server.get(GrantService.class).create(admin, new GrantDraft(ada.id(), null, front.id(), null, null, null,
                null, Set.of(Permission.UNLOCK), Delivery.PRE_ISSUED, null));
        Instant deadline = Instant.now().plusSeconds(15);
        GrantSyncs syncs = server.get(GrantSyncs.class);
        while (syncs.ofGrant(admin, grant.id()).getFirst().state() != SyncState.FAILED && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(syncs.ofGrant(admin, grant.id()).getFirst().state()).isEqualTo(SyncState.FAILED);

        Page page = signIn();
        assertThat(page.getByText("Grants a vendor refused (1)")).isVisible();
        assertThat(page.getByText(Pattern.compile("at Front door: .*example\\.rules-per-door"))).isVisible();
        page.getByText("Grant for Ada Lovelace → Front door").click();
        page.waitForURL(server.url("/grants/" + grant.id()));
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        assertThat(dialog.getByText("Failed", new Locator.GetByTextOptions().setExact(true))).isVisible();
        assertThat(dialog.getByText(Pattern.compile("example\\.rules-per-door.*not retried until the grant changes"))).isVisible();
    }

    /** Types into the open dialog's combo box and picks an item. */
    private static void pick(Page page, String label, String typed, String item) {
        Locator box = page.getByRole(AriaRole.DIALOG)
                .getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName(label).setExact(true));
        box.fill(typed);
        page.locator("vaadin-combo-box-item", new Page.LocatorOptions().setHasText(item)).first().click();
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
