package dev.portier.plugin.api;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
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
 * @param holidays  the site's holidays the schedule observes, in order (local dates of {@code zone}, each
 *                  from 00:00 to the next 00:00): on them the weekly windows do not apply, and the schedule
 *                  is open only during {@code holidayHours}. For the validity handed over (for one without
 *                  an end, the next ten years); the iCalendar has them as EXDATEs (and holiday hours as
 *                  single events). Empty: holidays are days like others. Since 2.3.0.
 * @param holidayHours what is open on each of {@code holidays} instead: windows of one day (their
 *                  {@code days} are ignored; an end of 00:00 is the end of the holiday); empty: closed all
 *                  day. Since 2.3.0.
 */
public record Schedule(ZoneId zone, List<Window> windows, String iCalendar, List<LocalDate> holidays, List<Window> holidayHours) {

    public Schedule {
        Objects.requireNonNull(zone, "A schedule needs a time zone");
        if (windows == null || windows.isEmpty()) {
            throw new IllegalArgumentException("A schedule needs at least one window");
        }
        windows = List.copyOf(windows);
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        holidayHours = holidayHours == null ? List.of() : List.copyOf(holidayHours);
    }

    /** A schedule without holidays (as before 2.3.0). */
    public Schedule(ZoneId zone, List<Window> windows, String iCalendar) {
        this(zone, windows, iCalendar, List.of(), List.of());
    }

    /** Whether any holiday changes this schedule. Since 2.3.0. */
    public boolean observesHolidays() {
        return !holidays.isEmpty();
    }

    /**
     * The weekly windows alone, holidays being days like others: what a lock that cannot observe holidays
     * enforces. Its iCalendar is {@code null} (the host's text has the holidays). Since 2.3.0.
     */
    public Schedule withoutHolidays() {
        return new Schedule(zone, windows, null);
    }

    /**
     * Whether {@code instant}, seen on a wall clock in {@link #zone()}, falls in any window — on a
     * holiday, in any holiday hours.
     */
    public boolean isOpen(Instant instant) {
        // Deciding on local wall time makes DST shifts follow the site, like a lock's own clock does.
        ZonedDateTime local = instant.atZone(zone);
        if (holidays.contains(local.toLocalDate())) {
            return holidayHours.stream().anyMatch(hours -> !local.toLocalTime().isBefore(hours.start())
                    && (hours.end().equals(LocalTime.MIDNIGHT) || local.toLocalTime().isBefore(hours.end())));
        }
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
