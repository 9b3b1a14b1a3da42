package dev.portier.domain.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The iCalendar of a grant that observes holidays, expanded by ical4j, opens exactly when the access
 * decision does: holidays on both DST Sundays of 2026, a yearly one (17 May), and holiday hours.
 */
class GrantCalendarHolidaysTest {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final Predicate<LocalDate> HOLIDAYS = day -> Set.of(LocalDate.of(2026, 3, 29), LocalDate.of(2026, 10, 25),
            LocalDate.of(2026, 5, 14), LocalDate.of(2026, 12, 25)).contains(day) || MonthDay.from(day).equals(MonthDay.of(5, 17));

    @ParameterizedTest
    @ValueSource(strings = {"holidays closed", "MO-FR 07:00-12:00; MO-FR 13:00-18:00; holidays closed",
            "FR 22:00-06:00; SA 22:00-06:00; holidays closed", "MO-SU 07:00-17:00; holidays 10:00-14:00",
            "SA-SU 00:00-00:00; holidays 00:00-24:00", "SU 01:30-03:30; holidays closed"})
    void theExpandedCalendarOpensExactlyWhenTheDecisionDoes(String text) {
        WeeklySchedule schedule = WeeklySchedule.parse(text);
        Instant from = ZonedDateTime.of(2026, 1, 7, 9, 30, 0, 0, OSLO).toInstant();
        Instant until = ZonedDateTime.of(2027, 1, 9, 1, 15, 0, 0, OSLO).toInstant();
        Grant grant = CalendarCases.grant("g-holidays", schedule, from, until, GrantState.ACTIVE);
        String ics = GrantCalendar.write(GrantCalendar.terms(grant, OSLO, HOLIDAYS), CalendarCases.STAMP);

        if (!schedule.holidays().hours().isEmpty()) {
            assertThat(ics).contains("portier-grant-g-holidays-holiday-20260517");
        } else {
            assertThat(ics).contains("EXDATE;TZID=Europe/Oslo:");
        }
        Instant checkFrom = from.minusSeconds(3 * 86_400);
        Instant checkUntil = ZonedDateTime.of(2027, 1, 12, 0, 0, 0, 0, OSLO).toInstant();
        List<CalendarCases.Occurrence> occurrences = CalendarCases.expandWithIcal4j(ics, checkFrom, checkUntil);

        TreeSet<Instant> probes = new TreeSet<>();
        for (Instant t = checkFrom; t.isBefore(checkUntil); t = t.plusSeconds(15 * 60)) {
            probes.add(t);
        }
        for (CalendarCases.Occurrence o : occurrences) {
            probes.add(o.start());
            probes.add(o.start().minusSeconds(1));
            probes.add(o.end());
            probes.add(o.end().minusSeconds(1));
        }
        // Midnights around every holiday: where a holiday starts and ends.
        for (LocalDate day = LocalDate.of(2026, 1, 1); day.isBefore(LocalDate.of(2027, 1, 10)); day = day.plusDays(1)) {
            if (HOLIDAYS.test(day)) {
                for (Instant edge : List.of(day.atStartOfDay(OSLO).toInstant(), day.plusDays(1).atStartOfDay(OSLO).toInstant())) {
                    probes.add(edge);
                    probes.add(edge.minusSeconds(1));
                }
            }
        }
        List<String> differences = new ArrayList<>();
        for (Instant at : probes.subSet(checkFrom, checkUntil)) {
            boolean decision = grant.status(at) == GrantStatus.ACTIVE && schedule.isOpen(at, OSLO, HOLIDAYS);
            boolean calendar = occurrences.stream().anyMatch(o -> !at.isBefore(o.start()) && at.isBefore(o.end()));
            if (decision != calendar) {
                differences.add(at.atZone(OSLO) + ": Portier " + (decision ? "opens" : "stays shut") + ", the calendar "
                        + (calendar ? "has an event" : "has none"));
            }
        }
        assertThat(differences).as("%s: instants where the calendar and the access decision differ", text).isEmpty();
        assertThat(probes.size()).isGreaterThan(35_000);
    }
}
