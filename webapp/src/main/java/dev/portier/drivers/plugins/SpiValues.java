package dev.portier.drivers.plugins;

import dev.portier.domain.grants.GrantCalendar;
import dev.portier.domain.grants.HolidayRule;
import dev.portier.domain.holidays.SiteHolidays;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.grants.ScheduleWindow;
import dev.portier.domain.grants.WeeklySchedule;
import dev.portier.domain.locks.Lock;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.Schedule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The core's values as the driver SPI types them. One place, so every capability hands a driver the
 * same lock reference, the same typed schedule (with its RFC 5545 form) and the same permissions.
 */
public final class SpiValues {

    private SpiValues() {
    }

    public static LockRef lockRef(Lock lock) {
        return new LockRef(lock.id(), lock.vendorReference(), lock.name(), lock.siteTimeZone());
    }

    /**
     * A grant's schedule in the lock's site zone: its windows and their RFC 5545 form, written by
     * {@link GrantCalendar} (the same as the grant's export) for what is handed to the driver — valid
     * from {@code from} until {@code until} (null: no end), DTSTAMP {@code stamp}: when what is handed
     * over last changed, so that every retry of one change hands over the same text (a driver may compare
     * it with what its vendor holds). {@code null} when the grant has no schedule.
     */
    public static Schedule schedule(String compact, String timeZone, Instant from, Instant until, String grantId,
            Instant stamp) {
        return schedule(compact, timeZone, from, until, grantId, stamp, SiteHolidays.NONE);
    }

    /**
     * As above, with the holidays of the lock's site: when the schedule observes them, the dates from the
     * validity's first day to its last (or {@link GrantCalendar#HORIZON} after {@code from}) and the
     * holiday hours, and EXDATEs (and holiday hours' events) in the iCalendar.
     */
    public static Schedule schedule(String compact, String timeZone, Instant from, Instant until, String grantId,
            Instant stamp, SiteHolidays holidays) {
        if (compact == null || compact.isBlank()) {
            return null;
        }
        WeeklySchedule weekly = WeeklySchedule.parse(compact);
        ZoneId zone = ZoneId.of(timeZone);
        String ics = GrantCalendar.write(new GrantCalendar.Terms(grantId, zone, weekly, from, until, null, holidays::isHoliday), stamp);
        List<Schedule.Window> windows = weekly.windows().stream().map(SpiValues::window).toList();
        if (!weekly.holidays().observed()) {
            return new Schedule(zone, windows, ics);
        }
        LocalDate first = LocalDate.ofInstant(from, zone);
        LocalDate last = until != null ? LocalDate.ofInstant(until, zone) : first.plus(GrantCalendar.HORIZON);
        List<Schedule.Window> hours = weekly.holidays().hours().stream().map(SpiValues::hours).toList();
        return new Schedule(zone, windows, ics, holidays.datesBetween(first, last), hours);
    }

    private static Schedule.Window hours(HolidayRule.Hours hours) {
        return new Schedule.Window(EnumSet.allOf(java.time.DayOfWeek.class), hours.start(), hours.end());
    }

    private static Schedule.Window window(ScheduleWindow window) {
        return new Schedule.Window(window.days(), window.start(), window.end());
    }

    /** The core's permission names (as stored) as the SPI's enum. */
    public static Set<dev.portier.plugin.api.Permission> permissions(Collection<String> names) {
        Set<dev.portier.plugin.api.Permission> typed = EnumSet.noneOf(dev.portier.plugin.api.Permission.class);
        names.forEach(name -> typed.add(dev.portier.plugin.api.Permission.valueOf(Permission.valueOf(name).name())));
        return typed;
    }

    public static Set<dev.portier.plugin.api.Permission> permissionsOf(Collection<Permission> permissions) {
        return permissions(permissions.stream().map(Enum::name).collect(Collectors.toSet()));
    }
}
