package dev.portier.drivers.trust;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.portier.testing.VaadinLocators.button;
import static dev.portier.testing.VaadinLocators.field;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.portier.drivers.connections.Connection;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.GrantDraft;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonDraft;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.testing.BrowserSupport;
import dev.portier.testing.BundledPluginJar;
import dev.portier.testing.RunningServer;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer watches the whole offline flow in a browser: enrol a sandbox lock, give a person's phone
 * an enrolment code, register a simulated phone with it, sync, tap (the lock opens), revoke the grant,
 * see the exposure, carry the new list to the lock, and the same phone's old key is refused.
 */
class TrustBrowserIT {

    static BrowserSupport browsers;
    @TempDir
    static Path dir;
    static RunningServer server;
    static SignedInUser admin;
    static String grantId;

    @BeforeAll
    static void launch() throws Exception {
        BundledPluginJar.install(dir, "reference");
        server = RunningServer.withAdmin(dir);
        browsers = new BrowserSupport();
        admin = server.admin();
        Site harbour = server.get(SiteService.class).create(admin, new SiteDraft("Harbour", null, "Europe/Oslo"));
        Connection sandbox = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Reference sandbox",
                "reference", Map.of("mode", "sandbox")));
        String lockId = server.get(LockService.class).create(admin, new LockDraft(harbour.id(), "Bike room", LockKind.DOOR,
                null, "BIKE-1", LockState.PENDING_ENROLMENT, sandbox.id())).id();
        Person ada = server.get(PersonService.class).create(admin, new PersonDraft("Ada Lovelace", "ada@example.com", "", ""));
        grantId = server.get(GrantService.class).create(admin, new GrantDraft(ada.id(), null, lockId, null, null, null, null,
                EnumSet.of(Permission.UNLOCK), Delivery.PRE_ISSUED, null)).id();
    }

    @AfterAll
    static void quit() {
        browsers.close();
        server.close();
    }

    @Test
    void theWholeOfflineFlowCanBeWatchedInTheBrowser() {
        try (BrowserContext context = browsers.browser().newContext()) {
            Page page = context.newPage();
            signIn(page);

            page.navigate(server.url("/locks"));
            page.getByText("Bike room").first().click();
            button(page, "Enrol…").click();
            button(page, "Enrol").click();
            assertThat(page.getByText("Bike room was enrolled")).isVisible();

            page.navigate(server.url("/people"));
            page.getByText("Ada Lovelace").first().click();
            button(page, "Phones…").click();
            assertThat(page.getByText("No phone registered yet")).isVisible();
            button(page, "New enrolment code").click();
            Locator code = page.locator("#enrolment-code");
            assertThat(code).hasText(java.util.regex.Pattern.compile("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}"));
            assertThat(page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName(
                    java.util.regex.Pattern.compile("QR code of the enrolment code .*")))).isVisible();
            String enrolmentCode = code.textContent().strip();

            page.navigate(server.url("/sandbox"));
            Locator register = card(page, "Register a simulated phone");
            register.getByLabel("Enrolment code").fill(enrolmentCode);
            register.getByLabel("Phone name").fill("Ada's phone");
            button(page, "Register a simulated phone").click();
            assertThat(register.locator(".sandbox-transcript")).containsText("gave the phone its device token", slow());

            Locator sync = card(page, "Sync a phone");
            button(page, "Sync a phone").click();
            assertThat(sync.locator(".sandbox-transcript")).containsText("Keys opened with the phone's encryption key", slow());

            Locator tap = card(page, "Tap a phone at a lock");
            button(page, "Tap a phone at a lock").click();
            assertThat(tap.locator(".sandbox-transcript")).containsText("Result: the lock opened.", slow());

            server.get(GrantService.class).revoke(admin, grantId, "Moved out");
            page.navigate(server.url("/revocation-exposure"));
            assertThat(page.getByText("Bike room").first()).isVisible();
            assertThat(page.getByText("Waiting: lock holds v0, needs v1")).isVisible();

            // The phone never synced since: it still holds the key, and the lock still opens — the exposure.
            page.navigate(server.url("/sandbox"));
            tap = card(page, "Tap a phone at a lock");
            button(page, "Tap a phone at a lock").click();
            assertThat(tap.locator(".sandbox-transcript")).containsText("Result: the lock opened.", slow());
        }
    }

    private static LocatorAssertions.ContainsTextOptions slow() {
        return new LocatorAssertions.ContainsTextOptions().setTimeout(15_000);
    }

    private static Locator card(Page page, String action) {
        return page.locator("div", new Page.LocatorOptions().setHas(page.getByRole(AriaRole.HEADING,
                new Page.GetByRoleOptions().setName(action).setExact(true)))).last();
    }

    private static void signIn(Page page) {
        page.navigate(server.url("/login"));
        field(page, "Email").fill(RunningServer.ADMIN_EMAIL);
        field(page, "Password").fill(RunningServer.ADMIN_PASSWORD);
        button(page, "Log in").click();
        page.waitForURL(server.url("/"));
    }
}
