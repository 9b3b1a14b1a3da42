package dev.portier.domain.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

/**
 * The iCalendar export, read back by ical4j (an independent implementation of RFC 5545), expands to
 * exactly the moments our own evaluation calls open — across a DST change.
 */
class ScheduleInterchangeTest {

    @Test
    void ical4jExpandsTheExportToTheSameOpenTimes() throws Exception {
        ZoneId vienna = ZoneId.of("Europe/Vienna");
        WeeklySchedule schedule = WeeklySchedule.parse("MO-FR 07:00-12:00; MO-FR 13:00-18:00; SA 22:00-02:00");
        Calendar calendar = new CalendarBuilder().build(new StringReader(
                schedule.toICalendar(vienna, LocalDate.of(2026, 3, 16), "g")));

        ZonedDateTime from = ZonedDateTime.of(2026, 3, 23, 0, 0, 0, 0, vienna);
        ZonedDateTime until = from.plusWeeks(2); // spans the spring-forward Sunday, 29 March
        List<Period<ZonedDateTime>> occurrences = new ArrayList<>();
        for (VEvent event : calendar.<VEvent>getComponents()) {
            Set<Period<Temporal>> set = event.calculateRecurrenceSet(new Period<>(from, until));
            set.forEach(p -> occurrences.add(new Period<>(ZonedDateTime.from(p.getStart()), ZonedDateTime.from(p.getEnd()))));
        }
        assertThat(occurrences).hasSizeGreaterThan(20);

        for (Instant t = from.toInstant(); t.isBefore(until.toInstant()); t = t.plusSeconds(15 * 60)) {
            Instant at = t;
            boolean ical = occurrences.stream().anyMatch(p -> !at.isBefore(p.getStart().toInstant()) && at.isBefore(p.getEnd().toInstant()));
            assertThat(schedule.isOpen(at, vienna)).as("open at %s", at.atZone(vienna)).isEqualTo(ical);
        }
    }
}
