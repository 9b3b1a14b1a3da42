package dev.portier.access;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.portier.testing.VaadinLocators.button;
import static dev.portier.testing.VaadinLocators.field;
import static dev.portier.testing.VaadinLocators.fieldError;
import static dev.portier.testing.VaadinLocators.visible;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardDraft;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.cards.CardState;
import dev.portier.domain.cards.CardType;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.Ids;
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
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.testing.BrowserSupport;
import dev.portier.testing.RunningServer;
import dev.portier.identity.users.Member;
import dev.portier.identity.users.UserService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.regex.Pattern;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access model's pages in a real Chromium against a real server: issue 3's flow, roles, bad input, isolation. */
class AccessModelBrowserIT {

    static final String SCHEDULE = "MO,TU,WE,TH,FR 07:00-12:00; MO,TU,WE,TH,FR 13:00-18:00";
    /** How the grants list says {@link #SCHEDULE}. */
    static final String SCHEDULE_TEXT = "Weekdays 07:00–12:00 and 13:00–18:00";
    static BrowserSupport browsers;

    @TempDir
    Path dir;
    RunningServer server;
    BrowserContext context;
    SignedInUser owner;

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
        owner = server.get(Database.class).jdbi().withHandle(h -> h.createQuery("SELECT u.id, u.email, u.display_name, "
                        + "m.account_id FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.email = :email")
                .bind("email", RunningServer.ADMIN_EMAIL)
                .map((rs, ctx) -> new SignedInUser(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).one());
    }

    @AfterEach
    void tearDown() {
        if (context != null) {
            context.close();
        }
        server.close();
    }

    @Test
    void siteLockPersonAndAScheduledGrantThenExplainSaysAllowedInsideTheWindowAndDeniedOutside() {
        Page page = signIn(RunningServer.ADMIN_EMAIL, RunningServer.ADMIN_PASSWORD);

        nav(page, "Sites");
        openDialog(page, "Add site");
        field(page, "Name").fill("Oslo HQ");
        pick(page, "Time zone", "Europe/Oslo", "Europe/Oslo");
        button(page, "Save").click();
        assertThat(page.getByText("Site Oslo HQ was added")).isVisible();
        assertThat(visible(grid(page).getByText("Europe/Oslo"))).hasCount(1);

        nav(page, "Locks");
        openDialog(page, "Add lock");
        field(page, "Name").fill("Front door");
        pick(page, "Site", "Oslo", "Oslo HQ");
        button(page, "Save").click();
        assertThat(page.getByText("Lock Front door was added")).isVisible();
        assertThat(visible(grid(page).getByText("Oslo HQ"))).hasCount(1);

        nav(page, "People");
        openDialog(page, "Add person");
        field(page, "Name").fill("Ada Lovelace");
        field(page, "Phone").fill("+47 123 45 678");
        button(page, "Save").click();
        assertThat(page.getByText("Ada Lovelace was added")).isVisible();
        assertThat(count("SELECT COUNT(*) FROM people WHERE phone = '+4712345678'")).isEqualTo(1);

        nav(page, "Grants");
        openDialog(page, "Add grant");
        pick(page, "Person", "Ada", "Ada Lovelace");
        pick(page, "Lock", "Front", "Front door");
        button(page, "Add window").click();
        time(page, "Window 1 from", "07:00");
        time(page, "Window 1 until", "12:00");
        button(page, "Add window").click();
        time(page, "Window 2 from", "13:00");
        time(page, "Window 2 until", "18:00");
        assertThat(page.getByText("Weekdays 13:00–18:00")).isVisible();
        button(page, "Save").click();
        assertThat(page.getByText("Grant for Ada Lovelace was added")).isVisible();
        assertThat(visible(grid(page).getByText(SCHEDULE_TEXT))).hasCount(1);
        assertThat(visible(grid(page).getByText("Active"))).hasCount(1);
        assertThat(count("SELECT COUNT(*) FROM grants WHERE schedule = '" + SCHEDULE + "'")).isEqualTo(1);

        nav(page, "Explain access");
        pick(page, "Person", "Ada", "Ada Lovelace");
        pick(page, "Lock", "Front", "Front door");
        dateTime(page, "At", "2030-01-07", "08:00"); // a Monday, Oslo time
        assertThat(page.locator("#verdict")).hasText("Allowed");
        assertThat(page.getByText("Open until Monday 2030-01-07 12:00 CET.")).isVisible();

        dateTime(page, "At", "2030-01-07", "12:30");
        assertThat(page.locator("#verdict")).hasText("Denied");
        assertThat(page.locator("#reasons")).hasText("Outside the grant's schedule");
        assertThat(visible(grid(page).getByText("Outside the grant's schedule"))).hasCount(1);

        dateTime(page, "At", "2030-01-12", "09:00"); // Saturday
        assertThat(page.locator("#verdict")).hasText("Denied");
    }

    @Test
    void aViewerSeesEveryPageButNoWayToChangeAndTheServerRefusesAnyway() {
        Seed seed = seed(owner);
        server.get(UserService.class).addMember(owner, new UserService.NewMember("vic@example.com", "Vic Viewer", Role.VIEWER,
                "viewer password 1"));
        Page page = signIn("vic@example.com", "viewer password 1");

        for (String[] listPage : new String[][] {{"Sites", "Oslo HQ"}, {"Locks", "Front door"}, {"People", "Ada Lovelace"},
                {"Cards", "23456789AB"}, {"Grants", SCHEDULE_TEXT}}) {
            nav(page, listPage[0]);
            assertThat(visible(grid(page).getByText(listPage[1])).first()).isVisible();
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Add ")))).hasCount(0);
        }

        page.navigate(server.url("/locks/" + seed.lock().id()));
        assertThat(field(page, "Name")).hasValue("Front door");
        assertThat(button(page, "Close")).isVisible();
        assertThat(button(page, "Save")).hasCount(0);
        assertThat(button(page, "Delete")).hasCount(0);
        button(page, "Close").click();
        page.waitForURL("**/locks");

        page.navigate(server.url("/grants/" + seed.grant().id()));
        assertThat(button(page, "Close")).isVisible();
        assertThat(button(page, "Revoke…")).hasCount(0);

        page.navigate(server.url("/people/new"));
        assertThat(page.getByText("No access")).isVisible();
        assertThat(page.getByText("Adding a person needs the Manager role")).isVisible();
    }

    @Test
    void aManagerDemotedWhileTheFormIsOpenCannotSave() {
        Member manager = server.get(UserService.class).addMember(owner, new UserService.NewMember("max@example.com",
                "Max Manager", Role.MANAGER, "manager password 1"));
        Page page = signIn("max@example.com", "manager password 1");
        nav(page, "People");
        openDialog(page, "Add person");
        field(page, "Name").fill("Ada Lovelace");
        field(page, "Email").fill("ada@example.com");

        server.get(UserService.class).changeRole(owner, manager.userId(), Role.VIEWER);
        button(page, "Save").click();
        assertThat(page.getByText("This needs the Manager role; you are Viewer")).isVisible();
        assertThat(count("SELECT COUNT(*) FROM people")).as("nothing written").isZero();
    }

    @Test
    void badInputShowsTheMessageAtItsFieldAndWritesNothing() {
        server.get(PersonService.class).create(owner, new PersonDraft("Ada Lovelace", "ada@example.com", null, null));
        Page page = signIn(RunningServer.ADMIN_EMAIL, RunningServer.ADMIN_PASSWORD);

        page.navigate(server.url("/people/new"));
        field(page, "Name").fill("Bob Builder");
        field(page, "Phone").fill("12 34 56");
        button(page, "Save").click();
        assertThat(fieldError(page, "Enter an international phone number starting with + and the country code")).isVisible();

        field(page, "Phone").fill("");
        field(page, "Email").fill("ADA@example.com");
        button(page, "Save").click();
        assertThat(fieldError(page, "Ada Lovelace already has the email ada@example.com")).isVisible();
        assertThat(count("SELECT COUNT(*) FROM people")).as("only Ada").isEqualTo(1);

        page.navigate(server.url("/cards/new"));
        field(page, "Serial number").fill("0OI1ABCDEF");
        button(page, "Save").click();
        assertThat(fieldError(page, "A Geotab tap card serial has 10 characters")).isVisible();
        assertThat(count("SELECT COUNT(*) FROM cards")).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_entries WHERE target LIKE 'Card %'")).isZero();
    }

    @Test
    void anotherAccountsEntityUrlsShowTheNotFoundPage() {
        Seed own = seed(owner);
        SignedInUser elsewhere = server.get(AccountService.class).create(owner, "Zeta Storage", "Europe/Oslo");
        Seed foreign = seed(elsewhere);
        Page page = signIn(RunningServer.ADMIN_EMAIL, RunningServer.ADMIN_PASSWORD);
        assertThat(page.getByText("You are owner of Portier")).isVisible();

        page.navigate(server.url("/sites/" + own.site().id()));
        assertThat(field(page, "Name")).hasValue("Oslo HQ");
        for (String path : new String[] {"/sites/" + foreign.site().id(), "/locks/" + foreign.lock().id(),
                "/people/" + foreign.person().id(), "/cards/" + foreign.card().id(), "/grants/" + foreign.grant().id(),
                "/locks/no-such-id"}) {
            page.navigate(server.url(path));
            assertThat(page.getByText("Page not found")).isVisible();
            assertThat(page.getByText("Oslo HQ")).hasCount(0);
        }
    }

    @Test
    void aGrantDownloadsItsScheduleAsICalendarAndRevokingAsksForAReason() throws Exception {
        Seed seed = seed(owner);
        Page page = signIn(RunningServer.ADMIN_EMAIL, RunningServer.ADMIN_PASSWORD);
        page.navigate(server.url("/grants/" + seed.grant().id()));

        Download download = page.waitForDownload(() -> button(page, "iCalendar").click());
        String ics = Files.readString(download.path());
        assertThat(ics).contains("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "DTSTART;TZID=Europe/Oslo:", "TZID:Europe/Oslo",
                "UID:portier-grant-" + seed.grant().id(), "DTSTAMP:");
        // The same generator as the API's schedule.ics: equal but for the export instant.
        String fromService = server.get(GrantService.class).iCalendar(owner, seed.grant().id());
        assertThat(ics.replaceAll("DTSTAMP:\\d{8}T\\d{6}Z", "DTSTAMP")).isEqualTo(fromService.replaceAll("DTSTAMP:\\d{8}T\\d{6}Z", "DTSTAMP"));

        button(page, "Revoke…").click();
        button(page, "Revoke").click();
        assertThat(fieldError(page, "Enter a reason")).isVisible();
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Reason")).fill("Left the company");
        button(page, "Revoke").click();
        assertThat(page.getByText("The grant for Ada Lovelace was revoked")).isVisible();
        assertThat(visible(grid(page).getByText("Revoked"))).hasCount(1);
        assertThat(count("SELECT COUNT(*) FROM grants WHERE state = 'REVOKED' AND revoke_reason = 'Left the company'")).isEqualTo(1);

        visible(grid(page).getByText("Revoked")).click();
        assertThat(page.getByText("Revoked by admin@example.com")).isVisible();
        assertThat(button(page, "Save")).hasCount(0);
    }

    @Test
    void aHundredThousandPeopleStillPageAndSearchQuickly() {
        server.get(Database.class).jdbi().useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("INSERT INTO people (id, account_id, name, email, phone, notes, created_at) "
                    + "VALUES (:id, :accountId, :name, :email, NULL, NULL, 0)");
            for (int i = 1; i <= 100_000; i++) {
                batch.bind("id", Ids.newId()).bind("accountId", owner.accountId()).bind("name", String.format("Person %06d", i))
                        .bind("email", String.format("p%06d@example.com", i)).add();
            }
            batch.execute();
        });
        Page page = signIn(RunningServer.ADMIN_EMAIL, RunningServer.ADMIN_PASSWORD);
        assertThat(page.getByLabel("100000 People")).isVisible();

        // Playwright's 5-second assertion timeout bounds each step: pages come from the database, never all rows at once.
        nav(page, "People");
        assertThat(visible(grid(page).getByText("Person 000001"))).hasCount(1);
        field(page, "Search").fill("p099999@");
        assertThat(visible(grid(page).getByText("Person 099999"))).hasCount(1);
        assertThat(visible(grid(page).getByText("Person 000001"))).hasCount(0);

        nav(page, "Grants");
        openDialog(page, "Add grant");
        pick(page, "Person", "Person 07777", "Person 077777");
    }

    record Seed(Site site, Lock lock, Person person, Card card, Grant grant) {
    }

    private Seed seed(SignedInUser who) {
        Site site = server.get(SiteService.class).create(who, new SiteDraft("Oslo HQ", null, "Europe/Oslo"));
        Lock lock = server.get(LockService.class).create(who, new LockDraft(site.id(), "Front door", LockKind.DOOR, null, null,
                LockState.ACTIVE));
        Person person = server.get(PersonService.class).create(who, new PersonDraft("Ada Lovelace", "ada@example.com", null, null));
        Card card = server.get(CardService.class).create(who, new CardDraft(CardType.GEOTAB_TAPCARD, "23456789AB", person.id(),
                null, CardState.ACTIVE));
        Grant grant = server.get(GrantService.class).create(who, new GrantDraft(person.id(), null, lock.id(), null, null, null,
                SCHEDULE, EnumSet.of(Permission.UNLOCK), Delivery.PRE_ISSUED, null));
        return new Seed(site, lock, person, card, grant);
    }

    private Page signIn(String email, String password) {
        context = browsers.browser().newContext();
        Page page = context.newPage();
        page.navigate(server.url("/login"));
        field(page, "Email").fill(email);
        field(page, "Password").fill(password);
        button(page, "Log in").click();
        page.waitForURL(server.url("/"));
        return page;
    }

    private static void nav(Page page, String item) {
        page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText(item)).first().click();
        assertThat(page.locator("h2", new Page.LocatorOptions().setHasText(item))).isVisible();
    }

    private static void openDialog(Page page, String button) {
        button(page, button).click();
        assertThat(page.getByRole(AriaRole.DIALOG)).hasCount(1);
    }

    /** Types into a combo box (the open dialog's, if any: list pages have filters of the same name) and picks an item. */
    private static void pick(Page page, String label, String typed, String item) {
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        Locator box = (dialog.count() > 0 ? dialog : page.locator("body"))
                .getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName(label).setExact(true));
        box.fill(typed);
        page.locator("vaadin-combo-box-item", new Page.LocatorOptions().setHasText(item)).first().click();
        // Playwright hands the pattern to JavaScript, which knows no \Q…\E: escape by hand.
        assertThat(box).hasValue(Pattern.compile("^" + item.replaceAll("[.()\\[\\]+*?^$|/\\\\]", "\\\\$0")));
    }

    /** Types into a date or time picker and commits with Enter. */
    private static void time(Page page, String label, String value) {
        Locator input = page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName(label).setExact(true));
        input.fill(value);
        input.press("Enter");
    }

    private static void dateTime(Page page, String label, String date, String time) {
        time(page, label + " date", date);
        time(page, label + " time", time);
    }

    private static Locator grid(Page page) {
        return page.locator("vaadin-grid").last();
    }

    private int count(String sql) {
        return server.get(Database.class).jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }
}
