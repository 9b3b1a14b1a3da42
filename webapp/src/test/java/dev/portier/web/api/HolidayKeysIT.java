package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.plugins.reference.LockProtocol.Reason;
import dev.portier.plugins.reference.LockSimulator;
import dev.portier.plugins.reference.PhoneSimulator;
import dev.portier.plugins.reference.PhoneSimulator.TapOutcome;
import dev.portier.plugins.reference.PhoneSimulator.TapResult;
import dev.portier.testing.BundledPluginJar;
import dev.portier.testing.RunningServer;
import dev.portier.web.api.ApiClient.Answer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys issued by the trust service carry the site's holidays: with the reference plugin (real signatures, a
 * phone and a lock simulated over real HTTP, the lock checking the key itself), a key for a grant that is
 * closed on holidays opens the day before a holiday and is refused on it; adding a holiday re-issues the
 * key in the background (nobody calls the key issuer; the test only polls), and the new key is refused on the
 * new holiday too, which the old one opened.
 */
class HolidayKeysIT {

    @TempDir
    static Path dir;
    static final Instant START = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS);
    static MutableClock clock = new MutableClock(START);
    static RunningServer server;
    static ApiClient manager;
    static String connectionId;

    @BeforeAll
    static void start() throws Exception {
        BundledPluginJar.install(dir, "reference");
        server = RunningServer.withAdmin(dir, clock);
        SignedInUser admin = ApiFixtures.admin(server);
        manager = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "Manager token"));
        connectionId = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Reference locks", "reference",
                Map.of("mode", "production"))).id();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aKeyForAGrantClosedOnHolidaysIsRefusedOnTheHolidayAndAddingOneReissuesIt() {
        LocalDate today = LocalDate.ofInstant(START, ZoneOffset.UTC);
        LocalDate holiday = today.plusDays(2);
        LocalDate later = today.plusDays(4);
        String calendar = manager.post("/api/v1/holiday-calendars", ApiClient.object().put("name", "Harbour holidays")).id();
        addHoliday(calendar, "Harbour Day", holiday);
        String site = manager.post("/api/v1/sites", ApiCrudIT.site("Harbour", "UTC").put("holidayCalendarId", calendar)).id();
        LockSimulator front = enrolledLock(site, "Front door");
        PhoneSimulator phone = personWithPhone("Holly", "holly@example.com");
        Answer grant = manager.post("/api/v1/grants", ApiCrudIT.grant(phone.personId(), null).put("lockId", front.lockId())
                .put("schedule", "holidays closed"));
        assertThat(grant.status()).as(grant.toString()).isEqualTo(201);
        List<String> first = GroupKeysIT.awaitKeys(phone, 1);

        clock.set(noon(holiday.minusDays(1)));
        assertThat(phone.tap(front, "UNLOCK").outcome()).as("the day before the holiday").isEqualTo(TapOutcome.OPENED);
        clock.set(noon(holiday));
        TapResult onHoliday = phone.tap(front, "UNLOCK");
        assertThat(onHoliday.outcome()).as("on the holiday: " + onHoliday.steps()).isEqualTo(TapOutcome.REFUSED);
        assertThat(onHoliday.verdict().reason()).isEqualTo(Reason.OUTSIDE_SCHEDULE);
        clock.set(noon(later));
        assertThat(phone.tap(front, "UNLOCK").outcome()).as("before it is a holiday, %s is a day like others", later)
                .isEqualTo(TapOutcome.OPENED);

        // Another holiday: the key is re-issued with it, and the phone is told to delete the old one.
        clock.set(START.plus(2, ChronoUnit.HOURS));
        addHoliday(calendar, "Second Harbour Day", later);
        Set<String> deleted = new HashSet<>();
        GroupKeysIT.await("the key is re-issued and the old one withdrawn", () -> {
            deleted.addAll(phone.sync().keysDeleted());
            return deleted.containsAll(first) && phone.keys().size() == 1;
        });
        assertThat(phone.keys().getFirst().keyId()).isNotIn(first);
        clock.set(noon(later));
        TapResult onNewHoliday = phone.tap(front, "UNLOCK");
        assertThat(onNewHoliday.outcome()).as("on the new holiday: " + onNewHoliday.steps()).isEqualTo(TapOutcome.REFUSED);
        assertThat(onNewHoliday.verdict().reason()).isEqualTo(Reason.OUTSIDE_SCHEDULE);
        clock.set(noon(holiday.minusDays(1)));
        assertThat(phone.tap(front, "UNLOCK").outcome()).as("the new key still opens on other days").isEqualTo(TapOutcome.OPENED);
    }

    private static Instant noon(LocalDate day) {
        return day.atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    private static void addHoliday(String calendar, String name, LocalDate date) {
        Answer added = manager.post("/api/v1/holiday-calendars/" + calendar + "/holidays",
                ApiClient.object().put("name", name).put("date", date.toString()));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
    }

    private static LockSimulator enrolledLock(String site, String name) {
        Answer created = manager.post("/api/v1/locks", ApiCrudIT.lock(site, name).put("state", "PENDING_ENROLMENT")
                .put("connectionId", connectionId).put("vendorReference", "REF-" + name.replace(' ', '-')));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return TrustFixtures.enrol(manager, created.id(), clock);
    }

    private static PhoneSimulator personWithPhone(String name, String email) {
        String personId = manager.post("/api/v1/people", ApiCrudIT.person(name, email)).id();
        Answer code = manager.post("/api/v1/trust/device-enrolment-codes", ApiClient.object().put("personId", personId));
        assertThat(code.status()).as(code.toString()).isEqualTo(201);
        PhoneSimulator phone = PhoneSimulator.create(URI.create(server.url("")), clock);
        phone.register(code.json().get("code").asText(), name + "'s phone");
        return phone;
    }
}
