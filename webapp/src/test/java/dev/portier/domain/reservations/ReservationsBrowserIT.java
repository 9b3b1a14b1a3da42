package dev.portier.domain.reservations;

import dev.portier.domain.reservations.ReservationService;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.portier.testing.VaadinLocators.button;
import static dev.portier.testing.VaadinLocators.field;
import static dev.portier.testing.VaadinLocators.fieldError;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.portier.identity.accounts.Role;
import dev.portier.drivers.connections.Connection;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.platform.db.Database;
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
import dev.portier.testing.KeylessTestPlugin;
import dev.portier.testing.RunningServer;
import dev.portier.identity.users.UserService;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Reservations calendar and the vehicle page in a real Chromium, with the keyless test plugin: a
 * booking made in the form shows the vehicle's capacity first and then appears in the week grid; the
 * fifth stored key is refused at the vehicle field; commands are sent by managers and only seen by viewers.
 */
class ReservationsBrowserIT {

    static final String VIEWER_EMAIL = "viewer@example.com";
    static final String VIEWER_PASSWORD = "viewer password 1";

    static BrowserSupport browsers;
    @TempDir
    static Path dir;
    static RunningServer server;
    static SignedInUser admin;
    static Lock van;
    BrowserContext context;

    @BeforeAll
    static void launch() throws Exception {
        KeylessTestPlugin.install(dir);
        server = RunningServer.withAdmin(dir);
        admin = server.admin();
        server.get(UserService.class).addMember(admin, new UserService.NewMember(VIEWER_EMAIL, "Vic Viewer", Role.VIEWER,
                VIEWER_PASSWORD));
        Site depot = server.get(SiteService.class).create(admin, new SiteDraft("Depot", null, "Europe/Oslo"));
        Connection keyless = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Keyless",
                KeylessTestPlugin.DRIVER_ID, Map.of()));
        van = server.get(LockService.class).create(admin, new LockDraft(depot.id(), "Van 1", LockKind.VEHICLE, null,
                "G9A720FBE29A", LockState.ACTIVE, keyless.id()));
        Person ola = server.get(PersonService.class).create(admin, new PersonDraft("Ola Nordmann", "ola@example.com", null, null));
        server.get(PersonService.class).create(admin, new PersonDraft("Pia Hansen", "pia@example.com", null, null));
        ReservationService reservations = server.get(ReservationService.class);
        for (int hour = 8; hour < 11; hour++) {
            reservations.create(admin, new ReservationDraft(van.id(), ola.id(), List.of(),
                    Instant.parse(String.format("2030-03-10T%02d:00:00Z", hour)), Instant.parse(String.format("2030-03-10T%02d:00:00Z", hour + 1)),
                    ReservationTerms.DEFAULT_PERMISSIONS, java.util.Set.of(), java.util.Set.of()));
        }
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
    void aBookingShowsTheCapacityBeforeSavingAndThenAppearsInTheWeekGridAndAFifthKeyIsRefused() {
        Page page = signIn(RunningServer.ADMIN_EMAIL, RunningServer.ADMIN_PASSWORD);
        page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Reservations")).first().click();
        assertThat(page).hasTitle("Reservations · Portier");

        button(page, "Add reservation").click();
        assertThat(page.getByRole(AriaRole.DIALOG)).hasCount(1);
        pick(page, "Vehicle", "Van", "Van 1 · Depot");
        assertThat(page.locator("#capacity")).hasText("Stored keys 3 of 4 · card serials 0 of 2024");
        pick(page, "Person", "Pia", "Pia Hansen (pia@example.com)");
        dateTime(page, "Begin", "2030-03-05", "10:00");
        dateTime(page, "End", "2030-03-05", "12:00");
        button(page, "Save").click();
        assertThat(page.getByText("Reservation of Van 1 for Pia Hansen was added and stored at the vendor")).isVisible();

        enter(page, "Week of", "2030-03-04");
        Locator calendar = page.locator("#reservation-calendar");
        assertThat(calendar.getByText("10:00–12:00 Pia Hansen")).isVisible();
        assertThat(calendar.getByText("Tue 5 Mar")).isVisible();
        assertThat(count("SELECT COUNT(*) FROM reservations WHERE vendor_key_id IS NOT NULL AND lock_id = '" + van.id() + "'")).isEqualTo(4);

        button(page, "Add reservation").click();
        pick(page, "Vehicle", "Van", "Van 1 · Depot");
        assertThat(page.locator("#capacity")).hasText("Stored keys 4 of 4 · card serials 0 of 2024");
        pick(page, "Person", "Pia", "Pia Hansen (pia@example.com)");
        dateTime(page, "Begin", "2030-03-06", "10:00");
        dateTime(page, "End", "2030-03-06", "12:00");
        button(page, "Save").click();
        assertThat(fieldError(page, "at most 4 active stored virtual keys per GO device")).isVisible();
        assertThat(count("SELECT COUNT(*) FROM reservations WHERE lock_id = '" + van.id() + "'")).isEqualTo(4);
    }

    @Test
    void managersSendCommandsFromTheVehiclePageAndViewersOnlySeeThem() {
        Page page = signIn(RunningServer.ADMIN_EMAIL, RunningServer.ADMIN_PASSWORD);
        page.navigate(server.url("/vehicles/" + van.id()));
        assertThat(page.locator("h2", new Page.LocatorOptions().setHasText("Van 1"))).isVisible();
        assertThat(page.getByText("Timeline")).hasAttribute("href", "locks/" + van.id() + "/timeline");
        button(page, "Unlock").click();
        page.getByRole(AriaRole.ALERTDIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Unlock")).click();
        Locator commands = page.locator("#lock-commands");
        assertThat(commands.getByText("Completed")).isVisible();
        button(page, "Locate").click();
        assertThat(commands.getByText("Accepted")).isVisible();
        context.close();

        Page viewer = signIn(VIEWER_EMAIL, VIEWER_PASSWORD);
        viewer.navigate(server.url("/vehicles/" + van.id()));
        assertThat(viewer.locator("#lock-commands").getByText("Completed")).isVisible();
        assertThat(button(viewer, "Unlock")).hasCount(0);
        assertThat(button(viewer, "Book this vehicle")).hasCount(0);
        viewer.navigate(server.url("/vehicles/no-such-lock"));
        assertThat(viewer.getByText("Unlock", new Page.GetByTextOptions().setExact(true))).hasCount(0);
        assertThat(count("SELECT COUNT(*) FROM lock_commands WHERE lock_id = '" + van.id() + "'")).isEqualTo(2);
    }

    /** Issue #15 items 3 and 5: the vehicle page shows the stored keys Portier created and the Disable Online CheckIn setting. */
    @Test
    void theVehiclePageListsTheStoredKeysAndExplainsDisablingOnlineCheckIn() {
        Page page = signIn(RunningServer.ADMIN_EMAIL, RunningServer.ADMIN_PASSWORD);
        page.navigate(server.url("/vehicles/" + van.id()));
        Locator keys = page.locator("#vehicle-stored-keys");
        assertThat(keys.getByText("Ola Nordmann").first()).isVisible();
        assertThat(page.getByText("Online CheckIn is allowed")).isVisible();

        page.locator("#disable-online-check-in").click();
        assertThat(page.getByText("Online CheckIn is disabled: only the stored keys below open this vehicle")).isVisible();
        assertThat(count("SELECT COUNT(*) FROM vehicle_settings WHERE online_check_in_disabled AND lock_id = '" + van.id() + "'"))
                .isEqualTo(1);
        context.close();

        Page viewer = signIn(VIEWER_EMAIL, VIEWER_PASSWORD);
        viewer.navigate(server.url("/vehicles/" + van.id()));
        assertThat(viewer.getByText("Online CheckIn is disabled: only the stored keys below open this vehicle")).isVisible();
        assertThat(viewer.locator("#disable-online-check-in")).hasAttribute("readonly", "");
    }

    @Test
    void anotherAccountsVehicleAndBookingAreNotFound() {
        // Another user's account: the admin's and the viewer's accounts stay as they are.
        var other = server.get(UserService.class).addMember(admin, new UserService.NewMember("other@example.com", "Otto Other",
                Role.VIEWER, "other password 1"));
        SignedInUser beta = server.get(dev.portier.identity.accounts.AccountService.class).create(new SignedInUser(other.userId(),
                other.email(), other.displayName(), admin.accountId()), "Beta", "UTC");
        Site site = server.get(SiteService.class).create(beta, new SiteDraft("Beta depot", null, "UTC"));
        Lock betaVan = server.get(LockService.class).create(beta, new LockDraft(site.id(), "Beta van", LockKind.VEHICLE, null, null,
                LockState.ACTIVE));
        Person person = server.get(PersonService.class).create(beta, new PersonDraft("Bea", "bea@example.com", null, null));
        Reservation booking = server.get(ReservationService.class).create(beta, new ReservationDraft(betaVan.id(), person.id(),
                List.of(), Instant.parse("2030-03-05T10:00:00Z"), Instant.parse("2030-03-05T12:00:00Z"),
                ReservationTerms.DEFAULT_PERMISSIONS, java.util.Set.of(), java.util.Set.of()));

        Page page = signIn(VIEWER_EMAIL, VIEWER_PASSWORD);
        for (String path : List.of("/vehicles/" + betaVan.id(), "/reservations/" + booking.id())) {
            page.navigate(server.url(path));
            assertThat(page.locator("h1", new Page.LocatorOptions().setHasText("Page not found"))).isVisible();
            assertThat(page.getByText("Beta van")).hasCount(0);
        }
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

    private static void pick(Page page, String label, String typed, String item) {
        Locator box = page.getByRole(AriaRole.DIALOG)
                .getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName(label).setExact(true));
        box.fill(typed);
        page.locator("vaadin-combo-box-item", new Page.LocatorOptions().setHasText(item)).first().click();
        assertThat(box).hasValue(item);
    }

    private static void enter(Page page, String label, String value) {
        Locator input = page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName(label).setExact(true));
        input.fill(value);
        input.press("Enter");
    }

    private static void dateTime(Page page, String label, String date, String time) {
        enter(page, label + " date", date);
        enter(page, label + " time", time);
    }

    private static int count(String sql) {
        return server.get(Database.class).jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }
}
