package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.domain.grants.GrantDraft;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.holidays.HolidayCalendar;
import dev.portier.domain.holidays.HolidayDraft;
import dev.portier.domain.holidays.HolidayService;
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
import dev.portier.drivers.sync.ScheduleFits;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.plugin.api.GrantSync;
import dev.portier.plugins.example.simulator.AccessRule;
import dev.portier.plugins.example.simulator.DoorControllerSimulator;
import dev.portier.testing.ExamplePlugin;
import dev.portier.testing.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holidays and a grant-syncing vendor that cannot observe them (the example plugin's driver, whose
 * {@code fit} is the SPI's default): the grant form's check warns, and a change of the site's holidays
 * pushes the grants that observe them again (a change of its time zone: every scheduled grant), in the background.
 */
class HolidayGrantSyncIT {

    static final String KEY = "holiday-controller-key-1";

    @TempDir
    Path dir;
    DoorControllerSimulator controller;
    RunningServer server;
    SignedInUser admin;
    ApiClient api;
    Person ada;
    Lock front;
    Site site;
    HolidayCalendar norway;

    @BeforeEach
    void start() throws Exception {
        ExamplePlugin.install(dir);
        controller = DoorControllerSimulator.start(KEY);
        controller.addDoor("front");
        server = RunningServer.withAdminAndPrivateHttp(dir);
        admin = server.admin();
        site = server.get(SiteService.class).create(admin, new SiteDraft("Depot", null, "Europe/Oslo"));
        Connection connection = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Doors",
                ExamplePlugin.DRIVER_ID, Map.of("baseUrl", controller.url(), "apiKey", KEY)));
        front = server.get(LockService.class).create(admin, new LockDraft(site.id(), "Front door", LockKind.DOOR, null, "front",
                LockState.ACTIVE, connection.id()));
        ada = server.get(PersonService.class).create(admin, new PersonDraft("Ada Lovelace", "ada@example.com", null, null));
        api = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "holidays"));
        HolidayService holidays = server.get(HolidayService.class);
        norway = holidays.createCalendar(admin, "Norway");
        holidays.addHoliday(admin, norway.id(), new HolidayDraft("Constitution Day", LocalDate.of(2026, 5, 17), true));
        holidays.assign(admin, site.id(), norway.id());
        await("the connection runs", () -> server.get(ConnectionRuntime.class).offers(connection.id(), GrantSync.class), b -> b);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        controller.close();
    }

    @Test
    void theGrantFormWarnsThatTheLockCannotObserveHolidays() {
        ScheduleFits fits = server.get(ScheduleFits.class);
        List<ScheduleFits.Mismatch> closed = fits.mismatches(admin, draft("MO-FR 07:00-17:00; holidays closed"));
        assertThat(closed).hasSize(1);
        assertThat(closed.getFirst().explanation()).isEqualTo(
                "This lock cannot observe holidays: Front door will open on holidays as on other days of the week.");
        assertThat(closed.getFirst().enforced()).isEqualTo("MO,TU,WE,TH,FR 07:00-17:00");
        assertThat(ScheduleFits.describe(closed.getFirst())).startsWith("Front door: This lock cannot observe holidays");

        assertThat(fits.mismatches(admin, draft("MO-FR 07:00-17:00"))).as("holidays ignored: the lock enforces it").isEmpty();
        server.get(HolidayService.class).assign(admin, site.id(), null);
        assertThat(fits.mismatches(admin, draft("MO-FR 07:00-17:00; holidays closed"))).as("the site observes no holidays").isEmpty();
    }

    @Test
    void aChangeOfTheSitesHolidaysPushesTheGrantsThatObserveThemAgain() {
        String observing = api.post("/api/v1/grants", grant("MO-FR 07:00-17:00; holidays closed")).id();
        String ignoring = api.post("/api/v1/grants", grant("MO-FR 07:00-17:00")).id();
        await("both rules pushed", () -> revision(observing) == 1 && revision(ignoring) == 1, b -> b);

        server.get(HolidayService.class).addHoliday(admin, norway.id(), new HolidayDraft("Ascension Day", LocalDate.of(2026, 5, 14), false));
        // At least: a push retried after a lost answer writes the rule once more.
        await("the observing grant pushed again", () -> revision(observing), r -> r >= 2);
        int afterHoliday = revision(observing);
        server.get(HolidayService.class).assign(admin, site.id(), null);
        await("and again when the site observes no calendar", () -> revision(observing), r -> r > afterHoliday);
        int afterCalendar = revision(observing);
        assertThat(revision(ignoring)).as("a grant that ignores holidays is left alone").isEqualTo(1);

        // A new time zone moves every schedule on the site's wall clock: both are pushed again.
        server.get(SiteService.class).update(admin, site.id(), new SiteDraft("Depot", null, "Europe/Berlin"));
        await("both pushed after the zone change", () -> revision(observing) > afterCalendar && revision(ignoring) > 1, b -> b);
    }

    private int revision(String grantId) {
        return controller.rule("front", grantId).map(AccessRule::revision).orElse(0);
    }

    private GrantDraft draft(String schedule) {
        return new GrantDraft(ada.id(), null, front.id(), null, null, null, schedule, Set.of(Permission.UNLOCK), null, null);
    }

    private ObjectNode grant(String schedule) {
        ObjectNode grant = ApiClient.object().put("personId", ada.id()).put("lockId", front.id()).put("delivery", "PRE_ISSUED")
                .put("schedule", schedule);
        grant.putArray("permissions").add("UNLOCK");
        return grant;
    }

    private static <T> T await(String what, Supplier<T> read, Predicate<T> wanted) {
        Instant deadline = Instant.now().plusSeconds(25);
        T value = read.get();
        while (!wanted.test(value) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(Duration.ofMillis(100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            value = read.get();
        }
        assertThat(wanted).as("%s: %s", what, value).accepts(value);
        return value;
    }
}
