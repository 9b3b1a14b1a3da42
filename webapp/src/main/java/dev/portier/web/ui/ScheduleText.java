package dev.portier.web.ui;

import dev.portier.domain.grants.ScheduleWindow;
import dev.portier.domain.grants.WeeklySchedule;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A schedule as people say it: "Weekdays 07:00–12:00, Sat 09:00–13:00", "Every day 22:00–02:00 (into the next
 * day)", "Mon, Wed, Fri all day" — not the stored {@code MO,TU,WE,TH,FR 07:00-12:00} or an RRULE.
 */
public final class ScheduleText {

    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    private static final Set<DayOfWeek> WEEKEND = EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);

    private ScheduleText() {
    }

    /** Windows of the same days read together: "Weekdays 07:00–12:00 and 13:00–18:00". */
    public static String sentence(WeeklySchedule schedule) {
        if (schedule == null) {
            return "Any time";
        }
        Map<Set<DayOfWeek>, List<String>> byDays = new LinkedHashMap<>();
        for (ScheduleWindow window : schedule.windows()) {
            byDays.computeIfAbsent(window.days(), d -> new ArrayList<>()).add(times(window.start(), window.end()));
        }
        return byDays.entrySet().stream().map(e -> days(e.getKey()) + " " + String.join(" and ", e.getValue()))
                .collect(Collectors.joining(", "));
    }

    public static String window(ScheduleWindow window) {
        return days(window.days()) + " " + times(window.start(), window.end());
    }

    static String days(Set<DayOfWeek> days) {
        EnumSet<DayOfWeek> set = EnumSet.copyOf(days);
        if (set.size() == 7) {
            return "Every day";
        }
        if (set.equals(WEEKDAYS)) {
            return "Weekdays";
        }
        if (set.equals(WEEKEND)) {
            return "Weekends";
        }
        List<String> parts = new ArrayList<>();
        List<DayOfWeek> run = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            if (set.contains(day)) {
                run.add(day);
            } else {
                flush(run, parts);
            }
        }
        flush(run, parts);
        return String.join(", ", parts);
    }

    private static void flush(List<DayOfWeek> run, List<String> parts) {
        if (run.size() >= 3) {
            parts.add(name(run.getFirst()) + "–" + name(run.getLast()));
        } else {
            run.forEach(day -> parts.add(name(day)));
        }
        run.clear();
    }

    private static String name(DayOfWeek day) {
        return day.getDisplayName(TextStyle.SHORT, Locale.UK);
    }

    private static String times(LocalTime start, LocalTime end) {
        if (start.equals(LocalTime.MIDNIGHT) && end.equals(LocalTime.MIDNIGHT)) {
            return "all day";
        }
        String text = start + "–" + end;
        return end.isAfter(start) || end.equals(LocalTime.MIDNIGHT) ? text : text + " (into the next day)";
    }
}
