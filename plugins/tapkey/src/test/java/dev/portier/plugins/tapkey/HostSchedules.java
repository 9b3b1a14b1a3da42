package dev.portier.plugins.tapkey;

import dev.portier.plugin.api.Schedule;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Schedules as the host builds them: windows plus the iCalendar text of webapp's
 * {@code domain.grants.WeeklySchedule.toICalendar} (one VEVENT per window, DTSTART with TZID in the anchor's
 * week, DURATION, weekly RRULE), reproduced here because the plugin cannot depend on the webapp.
 */
final class HostSchedules {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private HostSchedules() {
    }

    static Schedule of(ZoneId zone, LocalDate anchor, String uidPrefix, Schedule.Window... windows) {
        StringBuilder ics = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Portier//Grant schedule//EN\r\n");
        LocalDate monday = anchor.with(DayOfWeek.MONDAY);
        int n = 0;
        for (Schedule.Window w : windows) {
            DayOfWeek first = List.of(DayOfWeek.values()).stream().filter(w.days()::contains).findFirst().orElseThrow();
            LocalDateTime start = monday.plusDays(first.ordinal()).atTime(w.start());
            long minutes = ChronoUnit.MINUTES.between(w.start(), w.end());
            if (minutes <= 0) {
                minutes += 24 * 60;
            }
            ics.append("BEGIN:VEVENT\r\n").append("UID:").append(uidPrefix).append('-').append(++n).append("\r\n")
                    .append("DTSTART;TZID=").append(zone.getId()).append(':').append(LOCAL.format(start)).append("\r\n")
                    .append("DURATION:PT").append(minutes / 60).append('H').append(minutes % 60).append("M\r\n")
                    .append("RRULE:FREQ=WEEKLY;BYDAY=").append(List.of(DayOfWeek.values()).stream().filter(w.days()::contains)
                            .map(d -> d.name().substring(0, 2)).collect(Collectors.joining(","))).append("\r\n")
                    .append("END:VEVENT\r\n");
        }
        ics.append("END:VCALENDAR\r\n");
        return new Schedule(zone, List.of(windows), ics.toString());
    }

    /** Monday to Friday 08:00–17:00. */
    static Schedule weekdays(ZoneId zone, LocalDate anchor) {
        return of(zone, anchor, "grant-1", new Schedule.Window(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(8, 0), LocalTime.of(17, 0)));
    }
}
