package dev.portier.plugin.api;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * When in the week a grant or key applies, in local wall time of {@code zone} (the lock's site).
 * The same schedule in two forms, so each driver takes the one its vendor speaks: {@link #windows()}
 * for drivers that program weekly windows, {@link #iCalendar()} for vendors that take RFC 5545 (a
 * VTIMEZONE for the zone, one weekly VEVENT per window with TZID = zone, and single VEVENTs, excluded
 * from the rule with EXDATE, where a DST change or the validity makes an occurrence differ). Immutable;
 * pure computation, any thread.
 *
 * @param zone      the IANA zone the windows are in
 * @param windows   at least one window; the schedule is open when any window is
 * @param iCalendar the VCALENDAR text the host computed from the windows and the validity of what it
 *                  hands over (the grant, or the key): its events are exactly the instants at which both
 *                  allow; the host always sets it, {@code null} only in schedules built by hand (tests,
 *                  simulators)
 */
public record Schedule(ZoneId zone, List<Window> windows, String iCalendar) {

    public Schedule {
        Objects.requireNonNull(zone, "A schedule needs a time zone");
        if (windows == null || windows.isEmpty()) {
            throw new IllegalArgumentException("A schedule needs at least one window");
        }
        windows = List.copyOf(windows);
    }

    /** Whether {@code instant}, seen on a wall clock in {@link #zone()}, falls in any window. */
    public boolean isOpen(Instant instant) {
        // Deciding on local wall time makes DST shifts follow the site, like a lock's own clock does.
        ZonedDateTime local = instant.atZone(zone);
        return windows.stream().anyMatch(window -> window.contains(local.getDayOfWeek(), local.toLocalTime()));
    }

    /**
     * One weekly window: on each of {@code days}, from {@code start} (inclusive) until {@code end}
     * (exclusive). An end at or before the start runs past midnight into the next day (Fri 22:00–02:00
     * ends on Saturday at 02:00); 00:00–00:00 is the whole day.
     */
    public record Window(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

        public Window {
            if (days == null || days.isEmpty()) {
                throw new IllegalArgumentException("A window needs at least one day");
            }
            if (start == null || end == null) {
                throw new IllegalArgumentException("A window needs a start and an end time");
            }
            days = Set.copyOf(EnumSet.copyOf(days));
        }

        /** Whether the window ends on the day after it starts (including the whole-day 00:00–00:00). */
        public boolean crossesMidnight() {
            return !end.isAfter(start);
        }

        /** Whether local {@code day} at local {@code time} falls inside this window. */
        public boolean contains(DayOfWeek day, LocalTime time) {
            if (!crossesMidnight()) {
                return days.contains(day) && !time.isBefore(start) && time.isBefore(end);
            }
            boolean lateOnStartDay = days.contains(day) && !time.isBefore(start);
            boolean earlyOnNextDay = days.contains(day.minus(1)) && time.isBefore(end);
            return lateOnStartDay || earlyOnNextDay;
        }
    }
}
