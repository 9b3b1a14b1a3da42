package dev.portier.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.portier.testing.VaadinLocators.button;
import static dev.portier.testing.VaadinLocators.field;
import static dev.portier.testing.VaadinLocators.fieldError;
import static dev.portier.testing.VaadinLocators.visible;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import dev.portier.platform.db.Database;
import dev.portier.testing.BrowserSupport;
import dev.portier.testing.FirstDayData;
import dev.portier.testing.GeotabPlugin;
import dev.portier.testing.KeylessTestPlugin;
import dev.portier.testing.RunningServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #19: the defects a new property manager meets on the first day, each as they would meet it in a real
 * Chromium — dates typed in the browser's own format, the week grid, vehicle commands, phone numbers, the
 * account switcher, the grants and audit lists, and machine formats.
 */
class FirstDayBrowserIT {

    @TempDir
    static Path dir;
    static RunningServer server;
    static BrowserSupport browsers;
    static FirstDayData data;
    BrowserContext context;

    @BeforeAll
    static void start() throws Exception {
        KeylessTestPlugin.install(dir);
        GeotabPlugin.install(dir);
        server = RunningServer.withAdmin(dir);
        data = FirstDayData.create(server);
        browsers = new BrowserSupport();
    }

    @AfterAll
    static void stop() {
        browsers.close();
        server.close();
    }

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    /** Item 1: "3/6/2030" in en-US and "7.3.2030" in Norwegian are dates, shown the same way; ISO still works. */
    @Test
    void datesAreTypedInTheBrowsersOwnFormat() {
        Page page = signIn("en-US", 1280, 800);
        page.navigate(server.url("/reservations/new"));
        pick(page, "Vehicle", "Van", "Van 1 · Depot");
        pick(page, "Person", "Ola", "Ola Nordmann (ola@example.com)");
        dateTime(page, "Begin", "3/6/2030", "10:00");
        dateTime(page, "End", "3/6/2030", "12:00");
        assertThat(date(page, "Begin date")).hasValue("3/6/2030");
        button(page, "Save").click();
        assertThat(page.getByText("Reservation of Van 1 for Ola Nordmann was added")).isVisible();
        assertThat(count("SELECT COUNT(*) FROM reservations WHERE begin_at = "
                + java.time.Instant.parse("2030-03-06T09:00:00Z").toEpochMilli())).isEqualTo(1);
        context.close();

        page = signIn("nb-NO", 1280, 800);
        page.navigate(server.url("/grants/new"));
        enter(page, "Valid from date", "4.12.2026");
        enter(page, "Valid from time", "07:30");
        assertThat(date(page, "Valid from date")).hasValue("04.12.2026");
        enter(page, "Valid until date", "2026-12-31");
        enter(page, "Valid until time", "18:00");
        assertThat(date(page, "Valid until date")).hasValue("31.12.2026");
        assertThat(page.getByText("Enter a date like")).hasCount(0);
    }

    /** Item 2: a Friday 10:00–14:00 booking sits in the Friday column with its whole label; Sunday is on screen at 1280 px. */
    @Test
    void aFridayBookingIsDrawnOnFridayWithItsFullLabelAndTheWholeWeekFits() {
        Page page = signIn("en-GB", 1280, 800);
        page.navigate(server.url("/reservations"));
        enter(page, "Week of", "2030-03-04");
        Locator calendar = page.locator("#reservation-calendar");
        Locator friday = calendar.locator("vaadin-grid-cell-content", new Locator.LocatorOptions().setHasText("Fri 8 Mar"));
        Locator booking = calendar.getByText("10:00–14:00 Ola Nordmann");
        assertThat(booking).isVisible();
        BoundingBox column = friday.boundingBox();
        BoundingBox entry = booking.boundingBox();
        assertThat(entry.x).as("the booking starts in the Friday column").isBetween(column.x - 1, column.x + column.width);
        assertThat(entry.x + entry.width).as("and ends in it").isLessThanOrEqualTo(column.x + column.width + 1);
        assertThat((Boolean) booking.evaluate("e => e.scrollWidth <= e.clientWidth")).as("label not cut").isTrue();
        BoundingBox sunday = calendar.locator("vaadin-grid-cell-content", new Locator.LocatorOptions().setHasText("Sun 10 Mar"))
                .boundingBox();
        assertThat(sunday.x + sunday.width).as("Sunday on screen").isLessThanOrEqualTo(1280);
    }

    /** Item 5: commands that unlock or change the ignition ask first; commands and terms are words; chips are whole. */
    @Test
    void vehicleCommandsThatOpenOrStartTheVehicleAskFirstAndSpeakWords() {
        Page page = signIn("en-GB", 1280, 800);
        page.navigate(server.url("/vehicles/" + data.van().id()));
        assertThat(button(page, "Enable ignition")).isVisible();
        assertThat(page.getByText("IgnitionEnable")).hasCount(0);

        button(page, "Unlock").click();
        Locator confirm = page.getByRole(AriaRole.ALERTDIALOG);
        assertThat(confirm.getByText("Unlock Van 1?")).isVisible();
        confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel")).click();
        assertThat(count("SELECT COUNT(*) FROM lock_commands WHERE lock_id = '" + data.van().id() + "'")).isZero();

        button(page, "Enable ignition").click();
        confirm = page.getByRole(AriaRole.ALERTDIALOG);
        assertThat(confirm.getByText("Enable ignition of Van 1?")).isVisible();
        confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Enable ignition")).click();
        assertThat(page.locator("#lock-commands").getByText("Enable ignition")).isVisible();
        assertThat(count("SELECT COUNT(*) FROM lock_commands WHERE lock_id = '" + data.van().id() + "'")).isEqualTo(1);

        button(page, "Locate").click();
        assertThat(page.locator("#lock-commands").getByText("Locate")).isVisible();
        assertThat(count("SELECT COUNT(*) FROM lock_commands WHERE lock_id = '" + data.van().id() + "'")).isEqualTo(2);

        Locator chip = page.locator("#vehicle-reservations").getByText("Scheduled").first();
        assertThat(chip).isVisible();
        assertThat((Boolean) chip.evaluate("e => e.scrollWidth <= e.clientWidth")).as("state chip not cut").isTrue();

        page.navigate(server.url("/reservations/" + data.friday().id()));
        assertThat(page.getByRole(AriaRole.DIALOG).getByText("Reset at end of booking")).isVisible();
        assertThat(page.getByRole(AriaRole.DIALOG).getByText("ResetAtEndOfBooking")).hasCount(0);
    }

    /** Item 11: a local number is read in the country of the account's sites, and the form says which. */
    @Test
    void aLocalPhoneNumberIsReadInTheCountryOfTheSites() {
        Page page = signIn("en-GB", 1280, 800);
        page.navigate(server.url("/people/new"));
        field(page, "Name").fill("Kari Nordmann");
        field(page, "Phone").fill("912 34 568");
        assertThat(page.getByText("Numbers without + are read as Norway (+47)")).isVisible();
        button(page, "Save").click();
        assertThat(page.getByText("Kari Nordmann was added")).isVisible();
        assertThat(count("SELECT COUNT(*) FROM people WHERE phone = '+4791234568'")).isEqualTo(1);
    }

    /** Item 9: one account is a plain label, not a disabled-looking select; grants show delivery and a card's holder; sign-ins hide. */
    @Test
    void theSwitcherGrantsListAndAuditListSayWhatAManagerNeeds() {
        Page page = signIn("en-GB", 1280, 800);
        assertThat(page.locator("vaadin-select[readonly]")).hasCount(0);
        assertThat(page.getByText("Portier · Owner")).isVisible();

        page.navigate(server.url("/grants"));
        Locator grid = page.locator("vaadin-grid");
        assertThat(grid.getByText("Card 04A1B2C3 (Ola Nordmann)")).isVisible();
        assertThat(grid.getByText("On demand")).isVisible();

        page.navigate(server.url("/audit"));
        grid = page.locator("vaadin-grid");
        assertThat(grid.getByText("Created", new Locator.GetByTextOptions().setExact(true)).first()).isVisible();
        assertThat(visible(grid.getByText("Signed in"))).hasCount(0);
        page.getByText("Show sign-ins").click();
        assertThat(visible(grid.getByText("Signed in")).first()).isVisible();
    }

    /** Item 8: in sandbox mode the connection form shows no production settings and demands none. */
    @Test
    void aSandboxConnectionAsksForNoProductionSettings() {
        Page page = signIn("en-GB", 1280, 800);
        page.navigate(server.url("/connections/new"));
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        field(page, "Name").fill("Fleet sandbox");
        dialog.locator("vaadin-select", new Locator.LocatorOptions().setHas(page.getByText("Driver", new Page.GetByTextOptions()
                .setExact(true)))).click();
        page.locator("vaadin-select-item", new Page.LocatorOptions().setHasText("Geotab Keyless (NFC)")).click();
        assertThat(dialog.getByText("Mode", new Locator.GetByTextOptions().setExact(true))).isVisible();
        for (String production : java.util.List.of("API key", "Keyless Service URL", "Database", "Portier's public URL")) {
            assertThat(visible(dialog.getByText(production, new Locator.GetByTextOptions().setExact(true)))).hasCount(0);
        }
        dialog.locator("vaadin-select", new Locator.LocatorOptions().setHas(page.getByText("Mode", new Page.GetByTextOptions()
                .setExact(true)))).click();
        page.locator("vaadin-select-item", new Page.LocatorOptions().setHasText("production")).click();
        assertThat(visible(dialog.getByText("API key", new Locator.GetByTextOptions().setExact(true)))).hasCount(1);
        assertThat(visible(dialog.getByText("Database", new Locator.GetByTextOptions().setExact(true)))).hasCount(1);
        dialog.locator("vaadin-select", new Locator.LocatorOptions().setHas(page.getByText("Mode", new Page.GetByTextOptions()
                .setExact(true)))).click();
        page.locator("vaadin-select-item", new Page.LocatorOptions().setHasText("sandbox")).click();
        assertThat(visible(dialog.getByText("Database", new Locator.GetByTextOptions().setExact(true)))).hasCount(0);
        button(page, "Save").click();
        assertThat(page.getByRole(AriaRole.DIALOG)).hasCount(0);
        assertThat(count("SELECT COUNT(*) FROM connections WHERE name = 'Fleet sandbox'")).isEqualTo(1);
    }

    /** Item 7: schedules as sentences, event types as words, a lock's times in its site's zone. */
    @Test
    void schedulesAndEventsReadAsWordsInTheSitesZone() {
        Page page = signIn("en-GB", 1280, 800);
        page.navigate(server.url("/grants"));
        Locator grid = page.locator("vaadin-grid");
        assertThat(grid.getByText("Weekdays 07:00–12:00, Sat 09:00–13:00")).isVisible();
        assertThat(grid.getByText("MO,TU,WE,TH,FR")).hasCount(0);

        server.get(dev.portier.domain.events.EventLog.class).recordAll(server.admin().accountId(), data.door().id(), "mobile",
                java.util.List.of(new dev.portier.plugin.api.LockEvent(data.door().id(), 1L,
                        java.time.Instant.parse("2030-03-08T09:05:00Z"), "CHECK_IN_APPROVED", java.util.Map.of())));
        page.navigate(server.url("/locks/" + data.door().id() + "/timeline"));
        grid = page.locator("vaadin-grid");
        assertThat(grid.getByText("Check in approved")).isVisible();
        assertThat(grid.getByText("2030-03-08 10:05:00 CET")).isVisible();
    }

    private Page signIn(String locale, int width, int height) {
        context = browsers.browser().newContext(new Browser.NewContextOptions().setLocale(locale).setViewportSize(width, height));
        Page page = context.newPage();
        page.navigate(server.url("/login"));
        field(page, "Email").fill(RunningServer.ADMIN_EMAIL);
        field(page, "Password").fill(RunningServer.ADMIN_PASSWORD);
        button(page, "Log in").click();
        page.waitForURL(server.url("/"));
        return page;
    }

    private static Locator date(Page page, String label) {
        return page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName(label).setExact(true));
    }

    private static void pick(Page page, String label, String typed, String item) {
        Locator box = page.getByRole(AriaRole.DIALOG)
                .getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName(label).setExact(true));
        box.fill(typed);
        page.locator("vaadin-combo-box-item", new Page.LocatorOptions().setHasText(item)).first().click();
        assertThat(box).hasValue(item);
    }

    private static void enter(Page page, String label, String value) {
        Locator input = date(page, label);
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
