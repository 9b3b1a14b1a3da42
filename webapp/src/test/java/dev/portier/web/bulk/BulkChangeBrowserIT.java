package dev.portier.web.bulk;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.portier.testing.VaadinLocators.button;
import static dev.portier.testing.VaadinLocators.visible;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.domain.people.PersonDraft;
import dev.portier.domain.people.PersonService;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.identity.security.SignInResult;
import dev.portier.identity.security.SignInService;
import dev.portier.platform.db.Database;
import dev.portier.testing.BrowserSupport;
import dev.portier.testing.RunningServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** People ticked in the People list get a lock in one bulk change: preview, apply, the grants and one audit entry. */
class BulkChangeBrowserIT {

    static BrowserSupport browsers;

    @TempDir
    Path dir;

    @BeforeAll
    static void launch() {
        browsers = new BrowserSupport();
    }

    @AfterAll
    static void quit() {
        browsers.close();
    }

    @Test
    void threePeopleTickedGetTheFrontDoorWithAPreviewFirstAndOneAuditEntry() {
        try (RunningServer server = RunningServer.withAdmin(dir.resolve("data"));
                BrowserContext context = browsers.browser().newContext()) {
            SignInResult.SignedIn ok = (SignInResult.SignedIn) server.get(SignInService.class)
                    .signIn(RunningServer.ADMIN_EMAIL, RunningServer.ADMIN_PASSWORD);
            SignedInUser admin = new SignedInUser(ok.user().id(), ok.user().email(), ok.user().displayName(),
                    ok.accounts().getFirst().accountId());
            String site = server.get(SiteService.class).create(admin, new SiteDraft("HQ", null, "Europe/Oslo")).id();
            server.get(LockService.class).create(admin, new LockDraft(site, "Front door", LockKind.DOOR, null, null, LockState.ACTIVE));
            for (String name : List.of("Ada", "Ben", "Cy", "Dee")) {
                server.get(PersonService.class).create(admin, new PersonDraft(name, name.toLowerCase() + "@example.com", null, null));
            }

            Page page = context.newPage();
            page.navigate(server.url("/login"));
            page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Email").setExact(true)).fill(RunningServer.ADMIN_EMAIL);
            page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Password").setExact(true))
                    .fill(RunningServer.ADMIN_PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in").setExact(true)).click();
            page.waitForURL(server.url("/"));
            page.navigate(server.url("/people"));

            assertThat(visible(page.locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText(java.util.regex.Pattern.compile("^Dee$"))))).hasCount(1);
            Locator rows = visible(page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("Select Row").setExact(true)));
            assertThat(rows).hasCount(4);
            for (int i = 0; i < 3; i++) {
                rows.nth(i).click();
            }
            button(page, "Bulk change (3)…").click();
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            assertThat(dialog).hasCount(1);
            dialog.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Lock").setExact(true)).fill("Front");
            page.locator("vaadin-combo-box-item", new Page.LocatorOptions().setHasText("Front door")).first().click();
            assertThat(button(page, "Apply")).isDisabled();

            button(page, "Preview").click();
            assertThat(page.locator(".what-if-summary")).hasText(
                    "Issues 3 key(s) on 1 lock(s), withdraws 0; 3 person/card × lock pair(s) gain access on 1 lock(s), 0 lose it on 0 lock(s).");
            assertThat(page.locator(".what-if-gained li")).hasCount(3);
            org.assertj.core.api.Assertions.assertThat(grants(server)).as("a preview saves nothing").isZero();

            button(page, "Apply").click();
            assertThat(page.getByText("Grant Front door to 3 people: 3 grant(s) created")).isVisible();
            assertThat(page.getByRole(AriaRole.DIALOG)).hasCount(0);

            page.navigate(server.url("/grants"));
            assertThat(visible(page.locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText("Front door"))))
                    .hasCount(3);
            org.assertj.core.api.Assertions.assertThat(grants(server)).isEqualTo(3);

            // One of them: the grant dialog previews a change, and the revoke dialog says who loses what.
            visible(page.locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText("Front door"))).first().click();
            button(page, "Preview changes").click();
            assertThat(page.locator(".what-if-dialog .what-if-summary")).hasText("Nobody gains or loses access (1 grant(s) touched).");
            button(page, "Close").click();
            button(page, "Revoke…").click();
            assertThat(page.locator(".what-if-lost li")).hasCount(1);
            assertThat(page.getByText("Lose access (1)")).isVisible();
            button(page, "Cancel").last().click();
            org.assertj.core.api.Assertions.assertThat(count(server, "SELECT COUNT(*) FROM grants WHERE state = 'ACTIVE'"))
                    .as("previews revoke nothing").isEqualTo(3);

            // A people group with a grant on the site: the group dialog previews a new member's gains before saving.
            dev.portier.domain.groups.GroupService groups = server.get(dev.portier.domain.groups.GroupService.class);
            String cleaning = groups.create(admin, dev.portier.domain.groups.GroupKind.PEOPLE, "Cleaning staff").id();
            server.get(dev.portier.domain.grants.GroupGrantService.class).create(admin, new dev.portier.domain.grants.GroupGrantDraft(
                    "Cleaning", null, null, cleaning, null, site, null, null, null, null,
                    java.util.EnumSet.of(dev.portier.domain.grants.Permission.UNLOCK), dev.portier.domain.grants.Delivery.ON_DEMAND, null));
            page.navigate(server.url("/groups"));
            visible(page.locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText("Cleaning staff"))).first().click();
            Locator members = page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.COMBOBOX,
                    new Locator.GetByRoleOptions().setName("Members").setExact(true));
            members.fill("Dee");
            page.locator("vaadin-multi-select-combo-box-item", new Page.LocatorOptions().setHasText("Dee")).first().click();
            members.press("Escape");
            button(page, "Preview changes").click();
            assertThat(page.locator(".what-if-dialog .what-if-gained li")).hasCount(1);
            assertThat(page.locator(".what-if-dialog .what-if-gained li")).containsText("Dee → Front door");
            org.assertj.core.api.Assertions.assertThat(groups.members(admin, dev.portier.domain.groups.GroupKind.PEOPLE, cleaning))
                    .as("the preview added nobody").isEmpty();

            page.navigate(server.url("/audit"));
            assertThat(visible(page.locator("vaadin-grid-cell-content")
                    .filter(new Locator.FilterOptions().setHasText("Grant Front door to 3 people")))).hasCount(1);
            org.assertj.core.api.Assertions.assertThat(count(server, "SELECT COUNT(*) FROM audit_entries WHERE action = 'BULK_CHANGE'"))
                    .isEqualTo(1);
            org.assertj.core.api.Assertions.assertThat(count(server, "SELECT COUNT(*) FROM audit_entries WHERE target LIKE 'Grant %'"))
                    .as("the grants' own entries are folded into it").isEqualTo(1);
        }
    }

    private static int grants(RunningServer server) {
        return count(server, "SELECT COUNT(*) FROM grants");
    }

    private static int count(RunningServer server, String sql) {
        return server.get(Database.class).jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }
}
