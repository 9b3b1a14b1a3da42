package dev.portier.web.access;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.portier.testing.VaadinLocators.button;
import static dev.portier.testing.VaadinLocators.field;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonDraft;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.testing.BrowserSupport;
import dev.portier.testing.FirstDayData;
import dev.portier.testing.KeylessTestPlugin;
import dev.portier.testing.RunningServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #19: the per-person (and per-card) access page — every lock, the decision now and the openings of
 * the coming week in the site's zone, each linked to the grant or booking that allows it — reached from the
 * person's and the card's dialog and from Explain access; another account's person is not found.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class SubjectAccessBrowserIT {

    /** Thursday 2030-03-07, 09:00 in Oslo: inside the card's weekday window 07:00–12:00, the day before the van's booking. */
    static final Instant NOW = Instant.parse("2030-03-07T08:00:00Z");

    @TempDir
    static Path dir;
    static RunningServer server;
    static BrowserSupport browsers;
    static FirstDayData data;
    BrowserContext context;
    Page page;

    @BeforeAll
    static void start() throws Exception {
        KeylessTestPlugin.install(dir);
        server = RunningServer.withAdmin(dir, Clock.fixed(NOW, ZoneOffset.UTC));
        data = FirstDayData.create(server);
        browsers = new BrowserSupport();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) {
            browsers.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void signIn() {
        context = browsers.browser().newContext();
        page = context.newPage();
        page.navigate(server.url("/login"));
        field(page, "Email").fill(RunningServer.ADMIN_EMAIL);
        field(page, "Password").fill(RunningServer.ADMIN_PASSWORD);
        button(page, "Log in").click();
        page.waitForURL(server.url("/"));
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void theCardsAccessPageShowsEachLockNowAndItsOpeningsThisWeekWithTheGrantOrBookingThatAllows() {
        page.navigate(server.url("/cards/" + data.card().id()));
        button(page, "Access…").click();
        page.waitForURL(server.url("/access/card/" + data.card().id()));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Access of card 04A1B2C3 (Ola Nordmann)")))
                .isVisible();
        assertThat(page.getByRole(AriaRole.DIALOG)).hasCount(0);

        Locator door = row("Front door");
        assertThat(door).containsText("Allowed");
        assertThat(door).containsText("now – Thu 7 Mar 12:00");
        assertThat(door).containsText("Fri 8 Mar 07:00 – 12:00");
        assertThat(door).containsText("Sat 9 Mar 09:00 – 13:00");
        assertThat(door.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("grant on Front door")).first())
                .hasAttribute("href", Pattern.compile("grants/" + data.grant().id() + "$"));

        Locator van = row("Van 1");
        assertThat(van).containsText("Denied");
        assertThat(van).containsText("Fri 8 Mar 10:00 – 14:00");
        assertThat(van.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Ola Nordmann's booking of Van 1")))
                .hasAttribute("href", Pattern.compile("reservations/" + data.friday().id() + "$"));

        // The link leads to the grant's dialog.
        door.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("grant on Front door")).first().click();
        page.waitForURL(server.url("/grants/" + data.grant().id()));
    }

    @Test
    void thePersonsAccessPageCountsOnlyTheirOwnGrantsAndBookingsAndIsReachedFromTheirDialogAndFromExplain() {
        page.navigate(server.url("/people/" + data.ola().id()));
        button(page, "Access…").click();
        page.waitForURL(server.url("/access/person/" + data.ola().id()));
        assertThat(page.getByRole(AriaRole.DIALOG)).hasCount(0);
        // The weekday grant is the card's: the person's own phone gets nothing at the door.
        assertThat(row("Front door")).containsText("Does not open to them");
        assertThat(row("Van 1")).containsText("Fri 8 Mar 10:00 – 14:00");

        page.navigate(server.url("/explain"));
        Locator person = page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Person").setExact(true));
        person.fill("Ola");
        page.locator("vaadin-combo-box-item", new Page.LocatorOptions().setHasText("Ola Nordmann")).first().click();
        page.locator("#all-locks-link").click();
        page.waitForURL(server.url("/access/person/" + data.ola().id()));
        assertThat(row("Van 1")).isVisible();
    }

    /** Last: the admin then belongs to a second account, which a later sign-in might land in. */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void anotherAccountsPersonIsNotFound() {
        SignedInUser beta = server.get(AccountService.class).create(server.admin(), "Beta", "UTC");
        Person stranger = server.get(PersonService.class).create(beta, new PersonDraft("Stranger", "stranger@example.com", null, null));
        page.navigate(server.url("/access/person/" + stranger.id()));
        assertThat(page.getByText("Page not found")).isVisible();
        assertThat(page.getByText("Stranger")).hasCount(0);
        page.navigate(server.url("/access/robot/" + data.ola().id()));
        assertThat(page.getByText("Page not found")).isVisible();
    }

    private Locator row(String lock) {
        return page.locator(".lock-access").filter(new Locator.FilterOptions().setHas(
                page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(lock).setExact(true))));
    }
}
