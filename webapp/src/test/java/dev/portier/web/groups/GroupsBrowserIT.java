package dev.portier.web.groups;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.portier.testing.VaadinLocators.button;
import static dev.portier.testing.VaadinLocators.field;
import static org.assertj.core.api.Assertions.assertThat;

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
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.db.Database;
import dev.portier.testing.BrowserSupport;
import dev.portier.testing.RunningServer;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Groups in a real Chromium against a real server: a people group and a lock group made with the multi-select
 * pickers, a group grant from the grant form, shown once with its member grants, and Explain naming the group.
 */
class GroupsBrowserIT {

    static BrowserSupport browsers;

    @TempDir
    Path dir;
    RunningServer server;
    BrowserContext context;

    @BeforeAll
    static void launch() {
        browsers = new BrowserSupport();
    }

    @AfterAll
    static void quit() {
        browsers.close();
    }

    @BeforeEach
    void start() {
        server = RunningServer.withAdmin(dir);
        SignedInUser owner = server.get(Database.class).jdbi().withHandle(h -> h.createQuery("SELECT u.id, u.email, u.display_name, "
                        + "m.account_id FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.email = :email")
                .bind("email", RunningServer.ADMIN_EMAIL)
                .map((rs, ctx) -> new SignedInUser(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).one());
        Site site = server.get(SiteService.class).create(owner, new SiteDraft("Oslo HQ", null, "Europe/Oslo"));
        LockService locks = server.get(LockService.class);
        locks.create(owner, new LockDraft(site.id(), "Front door", LockKind.DOOR, null, null, LockState.ACTIVE));
        locks.create(owner, new LockDraft(site.id(), "Back door", LockKind.DOOR, null, null, LockState.ACTIVE));
        locks.create(owner, new LockDraft(site.id(), "Garage", LockKind.GATE, null, null, LockState.ACTIVE));
        PersonService people = server.get(PersonService.class);
        people.create(owner, new PersonDraft("Ada Lovelace", "ada@example.com", null, null));
        people.create(owner, new PersonDraft("Bo Berg", "bo@example.com", null, null));
        people.create(owner, new PersonDraft("Cy Outsider", "cy@example.com", null, null));
    }

    @AfterEach
    void tearDown() {
        if (context != null) {
            context.close();
        }
        server.close();
    }

    @Test
    void aGroupWithMembersGrantedALockGroupGivesEachMemberAccessAndExplainSaysWhy() {
        Page page = signIn();

        nav(page, "Groups");
        button(page, "Add people group").click();
        field(page, "Name").fill("Cleaning staff");
        choose(page, "Members", "Ada", "Ada Lovelace");
        choose(page, "Members", "Bo", "Bo Berg");
        button(page, "Save").click();
        assertThat(page.getByText("People group Cleaning staff was saved")).isVisible();
        assertThat(page.locator("vaadin-grid").first().getByText("Cleaning staff")).isVisible();
        assertThat(count("SELECT COUNT(*) FROM people_group_members")).isEqualTo(2);

        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Lock groups")).click();
        button(page, "Add lock group").click();
        field(page, "Name").fill("Common doors");
        choose(page, "Locks", "Front", "Front door");
        choose(page, "Locks", "Back", "Back door");
        button(page, "Save").click();
        assertThat(page.getByText("Lock group Common doors was saved")).isVisible();
        assertThat(count("SELECT COUNT(*) FROM lock_group_members")).isEqualTo(2);

        nav(page, "Grants");
        button(page, "Add grant").click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByRole(AriaRole.RADIO, new Locator.GetByRoleOptions().setName("People group")).check();
        dialog.getByRole(AriaRole.RADIO, new Locator.GetByRoleOptions().setName("Lock group")).check();
        pick(page, "People group", "Clean", "Cleaning staff");
        pick(page, "Lock group", "Common", "Common doors");
        button(page, "Save").click();
        assertThat(page.getByText("Enter a name for the group grant")).isVisible();
        field(page, "Name of the group grant").fill("Cleaning weekdays");
        button(page, "Save").click();
        assertThat(page.getByText("Group grant Cleaning weekdays was added")).isVisible();
        Locator groupGrants = page.locator("#group-grants");
        assertThat(groupGrants.getByText("Cleaning weekdays")).isVisible();
        assertThat(groupGrants.getByText("Group Cleaning staff")).isVisible();
        assertThat(count("SELECT COUNT(*) FROM grants WHERE group_grant_id IS NOT NULL AND state = 'ACTIVE'")).isEqualTo(4);
        assertThat(page.locator("vaadin-grid").last().getByText("Ada Lovelace")).hasCount(0);

        nav(page, "Explain access");
        pick(page, "Person", "Bo", "Bo Berg");
        pick(page, "Lock", "Back", "Back door");
        assertThat(page.locator("#verdict")).hasText("Allowed");
        assertThat(page.locator("#allowed-by")).containsText("Allowed by grant 'Cleaning weekdays' via group Cleaning staff");
        pick(page, "Person", "Cy", "Cy Outsider");
        assertThat(page.locator("#verdict")).hasText("Denied");
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

    private static void nav(Page page, String item) {
        page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText(item)).first().click();
        assertThat(page.locator("h2", new Page.LocatorOptions().setHasText(item))).isVisible();
    }

    /** Types into the dialog's multi-select picker and ticks an item; the picker stays open for more. */
    private static void choose(Page page, String label, String typed, String item) {
        Locator box = page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.COMBOBOX,
                new Locator.GetByRoleOptions().setName(label).setExact(true));
        box.fill(typed);
        page.locator("vaadin-multi-select-combo-box-item", new Page.LocatorOptions().setHasText(item)).first().click();
        box.press("Escape");
        assertThat(page.getByRole(AriaRole.DIALOG).locator("vaadin-multi-select-combo-box-chip",
                new Locator.LocatorOptions().setHasText(item))).hasCount(1);
    }

    private static void pick(Page page, String label, String typed, String item) {
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        Locator box = (dialog.count() > 0 ? dialog : page.locator("body"))
                .getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName(label).setExact(true));
        box.fill(typed);
        page.locator("vaadin-combo-box-item", new Page.LocatorOptions().setHasText(item)).first().click();
        assertThat(box).hasValue(Pattern.compile("^" + item.replaceAll("[.()\\[\\]+*?^$|/\\\\]", "\\\\$0")));
    }

    private int count(String sql) {
        return server.get(Database.class).jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }
}
