package dev.portier.domain.grants;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.domain.grants.CalendarCases.Case;
import dev.portier.domain.grants.CalendarCases.Occurrence;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.validate.ValidationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The grant calendar read back by ical4j: strict parsing and its RFC 5545 validator find nothing, and
 * its recurrence expansion, resolved through the file's own VTIMEZONE, gives exactly the instants the
 * access decision opens — over a year with both DST changes in Europe/Oslo and America/New_York.
 */
class GrantCalendarTest {

    static Stream<Case> cases() {
        return CalendarCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsesStrictlyAndValidatesWithoutAnEntry(Case c) throws Exception {
        String ics = c.write();
        Calendar calendar = CalendarCases.parse(ics);
        ValidationResult validation = calendar.validate(true);
        assertThat(validation.getEntries()).as(ics).isEmpty();

        List<VTimeZone> zones = calendar.getComponents(VTimeZone.VTIMEZONE);
        assertThat(zones).hasSize(1);
        assertThat(zones.getFirst().getTimeZoneId().getValue()).isEqualTo(c.zone().getId());
        List<VEvent> events = calendar.getComponents(VEvent.VEVENT);
        assertThat(events).isNotEmpty();
        for (VEvent event : events) {
            assertThat(event.getUid()).as("UID").isPresent();
            assertThat(event.getUid().orElseThrow().getValue()).startsWith("portier-grant-" + c.grant().id() + "-");
            assertThat(event.getDateTimeStamp()).as("DTSTAMP").isNotNull();
            assertThat(event.<Property>getProperties(Property.DTSTAMP)).hasSize(1);
            for (Property property : event.<Property>getProperties()) {
                property.getParameter(Parameter.TZID)
                        .ifPresent(tzid -> assertThat(tzid.getValue()).as(property.getName()).isEqualTo(c.zone().getId()));
            }
        }
        assertThat(events.stream().map(e -> e.getUid().orElseThrow().getValue()).distinct()).hasSize(events.size());
        assertThat(ics).contains("\r\n").doesNotContain("\n\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ical4jExpandsToExactlyTheInstantsTheAccessDecisionOpens(Case c) {
        List<Occurrence> occurrences = CalendarCases.expandWithIcal4j(c.write(), c.checkFrom(), c.checkUntil());
        assertThat(occurrences).isNotEmpty();
        CalendarCases.assertSameInstants(c, occurrences, c.checkFrom(), c.checkUntil());
    }

    @Test
    void theRuleKeepsTheWindowsLocalTimeAndTheGrantsValidityAsStartAndUntil() {
        Case office = CalendarCases.all().filter(c -> c.toString().equals("Europe/Oslo [MO-FR 07:00-12:00; MO-FR 13:00-18:00] until 2027-01-09"))
                .findFirst().orElseThrow();
        String ics = office.write();
        // The first whole morning window after Wednesday 09:30 is Thursday's; Wednesday's rest is its own event.
        assertThat(ics).contains("DTSTART;TZID=Europe/Oslo:20260108T070000\r\nDURATION:PT5H\r\n"
                        + "RRULE:FREQ=WEEKLY;UNTIL=20270108T060000Z;BYDAY=MO,TU,WE,TH,FR\r\n")
                .contains("DTSTART;TZID=Europe/Oslo:20260107T093000\r\nDTEND;TZID=Europe/Oslo:20260107T120000\r\n")
                .contains("DTSTART;TZID=Europe/Oslo:20260107T130000\r\nDURATION:PT5H\r\n"
                        + "RRULE:FREQ=WEEKLY;UNTIL=20270108T120000Z;BYDAY=MO,TU,WE,TH,FR\r\n")
                .doesNotContain("EXDATE");
        // The same 07:00 wall-clock start in winter and summer: 06:00 UTC, then 05:00 UTC.
        List<Occurrence> mornings = CalendarCases.expandWithIcal4j(ics, Instant.parse("2026-06-15T00:00:00Z"),
                Instant.parse("2026-06-16T00:00:00Z"));
        assertThat(mornings).contains(new Occurrence(Instant.parse("2026-06-15T05:00:00Z"), Instant.parse("2026-06-15T10:00:00Z")));
    }

    @Test
    void aWindowOverTheNightTheClocksChangeIsItsOwnEventOfTheWallClocksLength() {
        Case nights = CalendarCases.all().filter(c -> c.toString().equals("Europe/Oslo [FR 22:00-06:00; SA 22:00-06:00] no end"))
                .findFirst().orElseThrow();
        String ics = nights.write();
        // Saturday 28 March 22:00 CET to Sunday 06:00 CEST is 7 hours, not the rule's 8.
        assertThat(ics).contains("EXDATE;TZID=Europe/Oslo:20260328T220000,20261024T220000,")
                .contains("UID:portier-grant-" + nights.grant().id() + "-SA-2200-0600-20260328\r\n")
                .contains("DTSTART;TZID=Europe/Oslo:20260328T220000\r\nDTEND;TZID=Europe/Oslo:20260329T060000\r\n");
        List<Occurrence> night = CalendarCases.expandWithIcal4j(ics, Instant.parse("2026-03-28T12:00:00Z"),
                Instant.parse("2026-03-29T12:00:00Z"));
        assertThat(night).containsExactly(new Occurrence(Instant.parse("2026-03-28T21:00:00Z"), Instant.parse("2026-03-29T04:00:00Z")));
    }

    @Test
    void anExportAgainIsTheSameEventsWithANewStamp() {
        Case c = CalendarCases.all().filter(x -> x.toString().startsWith("America/New_York [SU 02:30-05:00]")).findFirst().orElseThrow();
        String first = GrantCalendar.write(c.terms(), CalendarCases.STAMP);
        String again = GrantCalendar.write(c.terms(), CalendarCases.STAMP.plusSeconds(3_600));
        assertThat(again).isNotEqualTo(first);
        assertThat(again.replace("DTSTAMP:20260102T090000Z", "DTSTAMP:20260102T080000Z")).isEqualTo(first);
    }

    @Test
    void aGrantWithoutScheduleIsOneEventOverItsValidity() {
        ZoneId oslo = ZoneId.of("Europe/Oslo");
        Instant from = Instant.parse("2026-03-01T08:00:00Z");
        Instant until = Instant.parse("2026-11-01T08:00:00Z");
        String ics = GrantCalendar.write(GrantCalendar.terms(CalendarCases.grant("v", null, from, until, GrantState.ACTIVE), oslo),
                CalendarCases.STAMP);
        assertThat(ics).contains("UID:portier-grant-v-validity\r\n", "DTSTART;TZID=Europe/Oslo:20260301T090000\r\n",
                "DTEND;TZID=Europe/Oslo:20261101T090000\r\n");
        assertThat(ics.substring(ics.indexOf("BEGIN:VEVENT"))).doesNotContain("RRULE", "EXDATE");
        assertThat(CalendarCases.expandWithIcal4j(ics, from.minusSeconds(86_400), until.plusSeconds(86_400)))
                .containsExactly(new Occurrence(from, until));
    }

    @Test
    void aRevokedGrantHasNoEvent() throws Exception {
        Instant from = Instant.parse("2026-03-01T08:00:00Z");
        Grant revoked = CalendarCases.grant("r", WeeklySchedule.parse("MO-FR 07:00-18:00"), from, null, GrantState.REVOKED);
        String ics = GrantCalendar.write(GrantCalendar.terms(revoked, ZoneId.of("Europe/Oslo")), CalendarCases.STAMP);
        assertThat(ics).doesNotContain("BEGIN:VEVENT");
        assertThat(CalendarCases.parse(ics).validate(true).getEntries()).isEmpty();
    }

    @Test
    void aLinkedZoneKeepsTheSitesZoneIdAndAZoneTheRegistryLacksIsWrittenFromTheJvmsRules() {
        // ical4j's registry answers Europe/Oslo with Europe/Berlin's definition (a tzdata link).
        assertThat(GrantCalendar.vTimeZone(ZoneId.of("Europe/Oslo"), CalendarCases.STAMP).getTimeZoneId().getValue())
                .isEqualTo("Europe/Oslo");
        // America/Coyhaique (tzdata 2025a) is not in ical4j 4.4.0's registry.
        ZoneId coyhaique = ZoneId.of("America/Coyhaique");
        Instant from = ZonedDateTime.of(2024, 3, 1, 0, 0, 0, 0, coyhaique).toInstant();
        Case c = new Case("Coyhaique", CalendarCases.grant("c", WeeklySchedule.parse("SA 22:00-06:00; MO-FR 08:00-17:00"), from,
                ZonedDateTime.of(2026, 3, 1, 0, 0, 0, 0, coyhaique).toInstant(), GrantState.ACTIVE), coyhaique);
        String ics = c.write();
        assertThat(CalendarCases.parse(ics).validate(true).getEntries()).isEmpty();
        assertThat(ics).contains("TZID:America/Coyhaique");
        // 2024-2025 still had Chile's DST changes (April and September 2024), then a fixed -03.
        Instant checkFrom = from.minusSeconds(86_400);
        Instant checkUntil = checkFrom.plusSeconds(400L * 86_400);
        CalendarCases.assertSameInstants(c, CalendarCases.expandWithIcal4j(ics, checkFrom, checkUntil), checkFrom, checkUntil);
    }

    @Test
    void aLongGrantIsWrittenQuickly() {
        ZoneId oslo = ZoneId.of("Europe/Oslo");
        StringBuilder windows = new StringBuilder();
        for (int hour = 0; hour < 28; hour++) {
            windows.append(hour == 0 ? "" : "; ").append("MO-SU ").append(String.format("%02d:%02d-%02d:%02d", hour % 24, hour / 24 * 10,
                    (hour + 3) % 24, hour / 24 * 10));
        }
        Grant grant = CalendarCases.grant("long", WeeklySchedule.parse(windows.toString()), Instant.parse("2000-01-01T00:00:00Z"),
                Instant.parse("2099-12-31T00:00:00Z"), GrantState.ACTIVE);
        GrantCalendar.write(GrantCalendar.terms(grant, oslo), CalendarCases.STAMP);
        long started = System.nanoTime();
        String ics = GrantCalendar.write(GrantCalendar.terms(grant, oslo), CalendarCases.STAMP);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("28 windows, 2000-2099: %d ms, %d bytes%n", millis, ics.length());
        assertThat(millis).isLessThan(2_000);
    }
}
