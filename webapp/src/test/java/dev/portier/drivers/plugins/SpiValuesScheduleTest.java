package dev.portier.drivers.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.domain.grants.CalendarCases;
import dev.portier.domain.grants.CalendarCases.Occurrence;
import dev.portier.domain.grants.GrantCalendar;
import dev.portier.domain.grants.WeeklySchedule;
import dev.portier.plugin.api.Schedule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The schedule handed to drivers: its {@code iCalendar} text is the grant calendar's generator output
 * for what is handed over (here a key valid for a year), and what ical4j expands from it is exactly
 * where the SPI's own {@link Schedule#isOpen} and the validity open, across both DST changes.
 */
class SpiValuesScheduleTest {

    private static final String WINDOWS = "MO-FR 07:00-12:00; MO-FR 13:00-18:00; SA 22:00-06:00; SU 00:00-00:00";

    @Test
    void theDriversICalendarIsTheGrantCalendarOfTheValidityHandedOver() {
        Instant from = Instant.parse("2026-01-07T08:30:00Z");
        Instant until = Instant.parse("2027-01-09T00:15:00Z");
        for (String zoneId : List.of("Europe/Oslo", "America/New_York")) {
            ZoneId zone = ZoneId.of(zoneId);
            Schedule schedule = SpiValues.schedule(WINDOWS, zoneId, from, until, "g1", CalendarCases.STAMP);
            assertThat(schedule.zone()).isEqualTo(zone);
            assertThat(schedule.windows()).hasSize(4);
            assertThat(schedule.iCalendar()).isEqualTo(GrantCalendar.write(
                    new GrantCalendar.Terms("g1", zone, WeeklySchedule.parse(WINDOWS), from, until, null), CalendarCases.STAMP));
            assertThat(CalendarCases.parse(schedule.iCalendar()).validate(true).getEntries()).isEmpty();

            Instant checkFrom = from.minusSeconds(86_400);
            Instant checkUntil = until.plusSeconds(86_400);
            List<Occurrence> occurrences = CalendarCases.expandWithIcal4j(schedule.iCalendar(), checkFrom, checkUntil);
            List<String> differences = new ArrayList<>();
            for (Instant at = checkFrom; at.isBefore(checkUntil); at = at.plusSeconds(15 * 60)) {
                Instant t = at;
                boolean spi = !t.isBefore(from) && t.isBefore(until) && schedule.isOpen(t);
                boolean calendar = occurrences.stream().anyMatch(o -> !t.isBefore(o.start()) && t.isBefore(o.end()));
                if (spi != calendar) {
                    differences.add(t.atZone(zone) + ": SPI " + spi + ", calendar " + calendar);
                }
            }
            assertThat(differences).as(zoneId).isEmpty();
        }
    }

    @Test
    void noScheduleIsNoSchedule() {
        assertThat(SpiValues.schedule(null, "Europe/Oslo", Instant.EPOCH, null, "g1", CalendarCases.STAMP)).isNull();
        assertThat(SpiValues.schedule(" ", "Europe/Oslo", Instant.EPOCH, null, "g1", CalendarCases.STAMP)).isNull();
    }
}
