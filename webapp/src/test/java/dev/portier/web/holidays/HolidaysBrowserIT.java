package dev.portier.web.holidays;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.portier.testing.VaadinLocators.button;
import static dev.portier.testing.VaadinLocators.field;
import static dev.portier.testing.VaadinLocators.visible;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holidays in a real Chromium against a real server: a calendar created and filled from an .ics file (a bad
 * file imports nothing), chosen on the site, a grant "closed on holidays" made in the grant form, and Explain
 * naming the holiday that closes it.
 */
class HolidaysBrowserIT {

    static final String ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Holidays//EN\r\n"
            + "BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260517\r\nRRULE:FREQ=YEARLY\r\n"
            + "SUMMARY:Constitution Day\r\nEND:VEVENT\r\n"
            + "BEGIN:VEVENT\r\nUID:b\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261225\r\nDTEND;VALUE=DATE:20261227\r\n"
            + "SUMMARY:Christmas\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
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
        SignedInUser admin = server.admin();
        Site site = server.get(SiteService.class).create(admin, new SiteDraft("Oslo HQ", null, "Europe/Oslo"));
        server.get(LockService.class).create(admin, new LockDraft(site.id(), "Front door", LockKind.DOOR, null, null, LockState.ACTIVE, null));
        server.get(PersonService.class).create(admin, new PersonDraft("Ada Lovelace", "ada@example.com", null, null));
    }

    @AfterEach
    void tearDown() {
        if (context != null) {
            context.close();
        }
        server.close();
    }

    @Test
    void aCalendarFromAnIcsFileOnTheSiteAndAGrantClosedOnHolidaysThatExplainNames() throws Exception {
        Page page = signIn();
        nav(page, "Holidays");
        field(page, "New calendar").fill("Norway");
        button(page, "Add calendar").click();
        assertThat(page.getByText("Calendar Norway was added")).isVisible();

        Path bad = Files.writeString(dir.resolve("bad.ics"), "BEGIN:VCALENDAR\r\nthis is not a calendar\r\n", StandardCharsets.UTF_8);
        page.locator("vaadin-upload input[type=file]").setInputFiles(bad);
        assertThat(page.getByText(Pattern.compile("Nothing was imported from bad.ics"))).isVisible();
        assertThat(count("SELECT COUNT(*) FROM holidays")).isZero();

        Path ics = Files.writeString(dir.resolve("norway.ics"), ICS, StandardCharsets.UTF_8);
        page.locator("vaadin-upload input[type=file]").setInputFiles(ics);
        assertThat(page.getByText("Imported 3 holiday(s) from norway.ics")).isVisible();
        assertThat(visible(grid(page).getByText("17 May every year"))).hasCount(1);
        assertThat(visible(grid(page).getByText("2026-12-26"))).hasCount(1);
        assertThat(count("SELECT COUNT(*) FROM holidays WHERE month = 5 AND day = 17 AND name = 'Constitution Day'")).isEqualTo(1);

        nav(page, "Sites");
        visible(grid(page).getByText("Oslo HQ")).first().click();
        assertThat(page.getByRole(AriaRole.DIALOG)).hasCount(1);
        pick(page, "Holiday calendar", "Nor", "Norway");
        button(page, "Save").click();
        assertThat(page.getByText("Site Oslo HQ was saved")).isVisible();
        assertThat(count("SELECT COUNT(*) FROM site_holiday_calendars")).isEqualTo(1);

        nav(page, "Grants");
        button(page, "Add grant").click();
        assertThat(page.getByRole(AriaRole.DIALOG)).hasCount(1);
        pick(page, "Person", "Ada", "Ada Lovelace");
        pick(page, "Lock", "Front", "Front door");
        page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Closed on holidays")).check();
        button(page, "Save").click();
        assertThat(page.getByText("Grant for Ada Lovelace was added")).isVisible();
        assertThat(count("SELECT COUNT(*) FROM grants WHERE schedule = 'holidays closed'")).isEqualTo(1);

        nav(page, "Explain access");
        pick(page, "Person", "Ada", "Ada Lovelace");
        pick(page, "Lock", "Front", "Front door");
        dateTime(page, "At", "2030-05-16", "23:45");
        assertThat(page.locator("#verdict")).hasText("Allowed");
        assertThat(page.getByText("Open until Friday 2030-05-17 00:00 CEST.")).isVisible();
        dateTime(page, "At", "2030-05-17", "00:00");
        assertThat(page.locator("#verdict")).hasText("Denied");
        assertThat(page.locator("#reasons")).hasText("Closed 17 May: holiday 'Constitution Day'");
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

    private static void pick(Page page, String label, String typed, String item) {
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        Locator box = (dialog.count() > 0 ? dialog : page.locator("body"))
                .getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName(label).setExact(true));
        box.fill(typed);
        page.locator("vaadin-combo-box-item", new Page.LocatorOptions().setHasText(item)).first().click();
        // Playwright hands the pattern to JavaScript, which knows no \Q…\E: escape by hand.
        assertThat(box).hasValue(Pattern.compile("^" + item.replaceAll("[.()\\[\\]+*?^$|/\\\\]", "\\\\$0")));
    }

    private static void dateTime(Page page, String label, String date, String time) {
        for (String[] part : new String[][] {{label + " date", date}, {label + " time", time}}) {
            Locator input = page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName(part[0]).setExact(true));
            input.fill(part[1]);
            input.press("Enter");
        }
    }

    private static Locator grid(Page page) {
        return page.locator("vaadin-grid").last();
    }

    private int count(String sql) {
        return server.get(Database.class).jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }
}
