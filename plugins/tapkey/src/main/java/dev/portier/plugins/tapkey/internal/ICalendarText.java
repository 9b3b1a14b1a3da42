package dev.portier.plugins.tapkey.internal;

import dev.portier.plugin.api.Schedule;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The {@code timeRestrictionIcal} of a schedule: the host's iCalendar text when it set one, otherwise
 * the same form built here (one VEVENT per window, weekly RRULE, DTSTART with TZID in the week of the
 * grant's start), for schedules built by hand. Pure computation.
 */
final class ICalendarText {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private ICalendarText() {
    }

    static String of(Schedule schedule, LocalDate anchor, String uid) {
        if (schedule.iCalendar() != null && !schedule.iCalendar().isBlank()) {
            return schedule.iCalendar();
        }
        StringBuilder ics = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Portier//Tapkey plugin//EN\r\n");
        LocalDate monday = anchor.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        int n = 0;
        for (Schedule.Window window : schedule.windows()) {
            DayOfWeek first = Arrays.stream(DayOfWeek.values()).filter(window.days()::contains).findFirst().orElseThrow();
            LocalDateTime start = monday.plusDays(first.ordinal()).atTime(window.start());
            long minutes = ChronoUnit.MINUTES.between(window.start(), window.end());
            if (minutes <= 0) {
                minutes += 24 * 60;
            }
            String days = Arrays.stream(DayOfWeek.values()).filter(window.days()::contains)
                    .map(day -> day.name().substring(0, 2)).collect(Collectors.joining(","));
            ics.append("BEGIN:VEVENT\r\nUID:").append(uid).append('-').append(++n).append("\r\n")
                    .append("DTSTART;TZID=").append(schedule.zone().getId()).append(':').append(LOCAL.format(start)).append("\r\n")
                    .append("DURATION:PT").append(minutes / 60).append('H').append(minutes % 60).append("M\r\n")
                    .append("RRULE:FREQ=WEEKLY;BYDAY=").append(days).append("\r\nEND:VEVENT\r\n");
        }
        return ics.append("END:VCALENDAR\r\n").toString();
    }

    /** For comparing what Tapkey holds with what Portier would send: line ends and surrounding blanks do not count. */
    static String normalised(String ics) {
        return ics == null ? null : Arrays.stream(ics.replace("\r\n ", "").replace("\n ", "").split("\r?\n"))
                .map(String::strip).filter(line -> !line.isEmpty()).collect(Collectors.joining("\n"));
    }
}
