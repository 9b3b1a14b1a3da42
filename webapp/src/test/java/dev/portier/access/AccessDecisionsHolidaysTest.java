package dev.portier.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantDraft;
import dev.portier.domain.grants.GrantService;
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
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.testing.TestServices;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one access decision with holidays: a site in Europe/Oslo observing a calendar with holidays on both
 * DST Sundays of 2026 and a yearly 17 May; grants closed on holidays, with holiday hours, and ignoring them.
 */
class AccessDecisionsHolidaysTest {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @TempDir
    Path dir;
    TestServices services;
    AccessDecisions decisions;
    HolidayService holidays;
    SignedInUser owner;
    Site oslo;
    Lock door;
    Person pia;
    HolidayCalendar norway;

    @BeforeEach
    void start() {
        services = new TestServices(dir, Clock.systemUTC());
        decisions = services.get(AccessDecisions.class);
        holidays = services.get(HolidayService.class);
        owner = services.setUpOwner();
        oslo = services.get(SiteService.class).create(owner, new SiteDraft("Oslo office", null, "Europe/Oslo"));
        door = services.get(LockService.class).create(owner, new LockDraft(oslo.id(), "Front door", LockKind.DOOR, null, null, LockState.ACTIVE));
        pia = services.get(PersonService.class).create(owner, new PersonDraft("Pia", "pia@example.com", null, null));
        norway = holidays.createCalendar(owner, "Norway");
        holidays.addHoliday(owner, norway.id(), new HolidayDraft("Constitution Day", LocalDate.of(2026, 5, 17), true));
        holidays.addHoliday(owner, norway.id(), new HolidayDraft("Palm Sunday", LocalDate.of(2026, 3, 29), false));
        holidays.addHoliday(owner, norway.id(), new HolidayDraft("Clocks back", LocalDate.of(2026, 10, 25), false));
        holidays.assign(owner, oslo.id(), norway.id());
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void aHolidayClosesAtLocalMidnightAndTheDecisionNamesIt() {
        grant("holidays closed");
        assertThat(decide(at("2027-05-16T23:59:59")).allowed()).as("23:59:59 the day before").isTrue();
        assertThat(decide(at("2027-05-16T23:59:59")).openUntil()).isEqualTo(at("2027-05-17T00:00:00"));
        Decision closed = decide(at("2027-05-17T00:00:00"));
        assertThat(closed.allowed()).isFalse();
        assertThat(closed.reasons()).containsExactly(DenialReason.HOLIDAY_CLOSED);
        assertThat(closed.summary()).isEqualTo("Denied: closed 17 May: holiday 'Constitution Day'");
        assertThat(closed.describe(DenialReason.HOLIDAY_CLOSED)).isEqualTo("Closed 17 May: holiday 'Constitution Day'");
        assertThat(decide(at("2027-05-18T00:00:00")).allowed()).isTrue();
    }

    @Test
    void theHolidaysOnTheDstSundaysLast23And25Hours() {
        grant("holidays closed");
        assertThat(decide(Instant.parse("2026-03-28T22:59:59Z")).allowed()).isTrue();
        assertThat(decide(Instant.parse("2026-03-28T23:00:00Z")).reasons()).as("00:00 CET").containsExactly(DenialReason.HOLIDAY_CLOSED);
        assertThat(decide(Instant.parse("2026-03-29T21:59:59Z")).allowed()).isFalse();
        assertThat(decide(Instant.parse("2026-03-29T22:00:00Z")).allowed()).as("00:00 CEST, 23 hours later").isTrue();
        assertThat(decide(Instant.parse("2026-10-24T21:59:59Z")).allowed()).isTrue();
        assertThat(decide(Instant.parse("2026-10-24T22:00:00Z")).summary()).contains("closed 25 October: holiday 'Clocks back'");
        assertThat(decide(Instant.parse("2026-10-25T22:59:59Z")).allowed()).isFalse();
        assertThat(decide(Instant.parse("2026-10-25T23:00:00Z")).allowed()).as("00:00 CET, 25 hours later").isTrue();
    }

    @Test
    void holidayHoursAndGrantsThatIgnoreHolidays() {
        Grant hours = grant("MO-FR 07:00-17:00; holidays 10:00-14:00");
        Decision early = decide(at("2028-05-17T08:00:00")); // a Wednesday
        assertThat(early.reasons()).containsExactly(DenialReason.HOLIDAY_CLOSED);
        Decision open = decide(at("2028-05-17T11:00:00"));
        assertThat(open.allowingGrant()).hasValueSatisfying(g -> assertThat(g.id()).isEqualTo(hours.id()));
        assertThat(open.openUntil()).isEqualTo(at("2028-05-17T14:00:00"));

        Grant ignoring = grant("MO-FR 07:00-17:00");
        assertThat(decide(at("2028-05-17T08:00:00")).allowingGrant()).hasValueSatisfying(g -> assertThat(g.id()).isEqualTo(ignoring.id()));
    }

    @Test
    void holidayEditsAndTheSitesCalendarTakeEffectAtOnce() {
        grant("MO-SU 00:00-00:00; holidays closed");
        assertThat(decide(at("2027-05-17T12:00:00")).allowed()).isFalse();
        holidays.assign(owner, oslo.id(), null);
        assertThat(decide(at("2027-05-17T12:00:00")).allowed()).as("the site observes no calendar").isTrue();
        holidays.assign(owner, oslo.id(), norway.id());
        String id = holidays.holidays(owner, norway.id()).stream().filter(h -> h.name().equals("Constitution Day")).findFirst().orElseThrow().id();
        holidays.deleteHoliday(owner, norway.id(), id);
        assertThat(decide(at("2027-05-17T12:00:00")).allowed()).as("the holiday removed").isTrue();
    }

    private Grant grant(String schedule) {
        return services.get(GrantService.class).create(owner, new GrantDraft(pia.id(), null, door.id(), null, null, null, schedule,
                EnumSet.of(Permission.UNLOCK), Delivery.PRE_ISSUED, null));
    }

    private Decision decide(Instant at) {
        return decisions.decide(owner.accountId(), new Subject.Person(pia.id()), door.id(), Permission.UNLOCK, at);
    }

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(OSLO).toInstant();
    }
}
