package dev.portier.domain.grants;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * One weekly window of a schedule, in local wall time: on each of {@code days}, from {@code start}
 * until {@code end}. An {@code end} at or before {@code start} runs past midnight into the next day
 * (Fri 22:00–02:00 ends on Saturday at 02:00); 00:00–00:00 is the whole day.
 */
public record ScheduleWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

    public ScheduleWindow {
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("A window needs at least one day");
        }
        if (start == null || end == null) {
            throw new IllegalArgumentException("A window needs a start and an end time");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
    }

    public boolean crossesMidnight() {
        return !end.isAfter(start);
    }

    /** Whether local {@code day} at local {@code time} falls inside this window. */
    boolean contains(DayOfWeek day, LocalTime time) {
        if (!crossesMidnight()) {
            return days.contains(day) && !time.isBefore(start) && time.isBefore(end);
        }
        boolean lateOnStartDay = days.contains(day) && !time.isBefore(start);
        boolean earlyOnNextDay = days.contains(day.minus(1)) && time.isBefore(end);
        return lateOnStartDay || earlyOnNextDay;
    }
}
