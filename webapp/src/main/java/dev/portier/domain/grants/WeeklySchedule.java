package dev.portier.domain.grants;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A grant's recurring schedule: weekly windows in the site's local time. Evaluation converts the
 * instant to local wall time in the site's zone and asks whether a window contains it, which is what
 * people mean across DST changes: a 07:00–12:00 window opens at 07:00 on the clock on the wall, the
 * skipped hour of spring-forward is never open, and the repeated hour of fall-back is open twice.
 *
 * <p>Stored and typed in a compact text form, windows separated by {@code ;}:
 * {@code MO,TU,WE,TH,FR 07:00-12:00; MO-FR 13:00-18:00; SA 22:00-02:00}. RFC 5545 iCalendar is the
 * export form ({@link GrantCalendar}).
 *
 * <p>An optional clause says how the site's holidays apply ({@link HolidayRule}): {@code MO-FR 07:00-12:00;
 * holidays closed} closes on holidays, {@code MO-FR 07:00-12:00; holidays 09:00-13:00} opens these hours
 * instead of the weekly windows on a holiday, and {@code holidays closed} alone means at any time except on
 * holidays. Without the clause holidays are days like others. A holiday is a whole local day; a window that
 * runs past midnight follows the day each part is on (a Friday 22:00-02:00 window before a holiday Saturday
 * closes at midnight). Keeping the clause in the text means every copy of a schedule keeps it.
 */
public record WeeklySchedule(List<ScheduleWindow> windows, HolidayRule holidays) {

    /** No holiday is known: holidays are never asked about. */
    public static final Predicate<LocalDate> NO_HOLIDAYS = day -> false;

    public static final int MAX_WINDOWS = 28;
    private static final List<DayOfWeek> WEEK = List.of(DayOfWeek.values());
    private static final Map<String, DayOfWeek> DAY_CODES = Map.of("MO", DayOfWeek.MONDAY, "TU", DayOfWeek.TUESDAY,
            "WE", DayOfWeek.WEDNESDAY, "TH", DayOfWeek.THURSDAY, "FR", DayOfWeek.FRIDAY, "SA", DayOfWeek.SATURDAY,
            "SU", DayOfWeek.SUNDAY);

    private static final ScheduleWindow ALWAYS = new ScheduleWindow(EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    public WeeklySchedule {
        if (windows == null || windows.isEmpty()) {
            throw new IllegalArgumentException("A schedule needs at least one window");
        }
        windows = List.copyOf(windows);
        holidays = holidays == null ? HolidayRule.IGNORED : holidays;
    }

    /** Weekly windows only; holidays are days like others. */
    public WeeklySchedule(List<ScheduleWindow> windows) {
        this(windows, HolidayRule.IGNORED);
    }

    /** Ignores holidays: for callers that know none (the schedule's holiday clause needs the site's dates). */
    public boolean isOpen(Instant at, ZoneId zone) {
        return isOpen(at, zone, NO_HOLIDAYS);
    }

    /** Whether open at {@code at}, where {@code holiday} says which local dates are holidays at the site. */
    public boolean isOpen(Instant at, ZoneId zone, Predicate<LocalDate> holiday) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        if (holidays.observed() && holiday.test(local.toLocalDate())) {
            return holidays.opensAt(local.toLocalTime());
        }
        return windows.stream().anyMatch(w -> w.contains(local.getDayOfWeek(), local.toLocalTime()));
    }

    /** Whether the holiday clause closes the schedule at {@code at} (a holiday, outside any holiday hours). */
    public boolean closedForHoliday(Instant at, ZoneId zone, Predicate<LocalDate> holiday) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        return holidays.observed() && holiday.test(local.toLocalDate()) && !holidays.opensAt(local.toLocalTime());
    }

    /**
     * When the window open at {@code at} closes (windows that touch count as one); empty when
     * closed now. Looks at most a week ahead (a schedule open around the clock never closes).
     */
    public Optional<Instant> openUntil(Instant at, ZoneId zone) {
        return openUntil(at, zone, NO_HOLIDAYS);
    }

    public Optional<Instant> openUntil(Instant at, ZoneId zone, Predicate<LocalDate> holiday) {
        if (!isOpen(at, zone, holiday)) {
            return Optional.empty();
        }
        return nextChange(at, zone, holiday, false);
    }

    /** When the schedule next opens after {@code at}; empty when open now. */
    public Optional<Instant> nextOpening(Instant at, ZoneId zone) {
        return nextOpening(at, zone, NO_HOLIDAYS);
    }

    public Optional<Instant> nextOpening(Instant at, ZoneId zone, Predicate<LocalDate> holiday) {
        if (isOpen(at, zone, holiday)) {
            return Optional.empty();
        }
        return nextChange(at, zone, holiday, true);
    }

    /**
     * The instants at which any window (or, with holidays observed, any day or holiday hours) starts or
     * ends, on local days around {@code at}, in order. With holidays, two weeks ahead: a closure over
     * Christmas and New Year is longer than one.
     */
    private Optional<Instant> nextChange(Instant at, ZoneId zone, Predicate<LocalDate> holiday, boolean toOpen) {
        LocalDate today = LocalDate.ofInstant(at, zone);
        List<Instant> edges = new ArrayList<>();
        int days = holidays.observed() ? 15 : 8;
        for (int d = -1; d <= days; d++) {
            LocalDate day = today.plusDays(d);
            for (ScheduleWindow w : windows) {
                if (w.days().contains(day.getDayOfWeek())) {
                    edges.add(ZonedDateTime.of(day, w.start(), zone).toInstant());
                    LocalDate endDay = w.crossesMidnight() ? day.plusDays(1) : day;
                    edges.add(ZonedDateTime.of(endDay, w.end(), zone).toInstant());
                }
            }
            if (holidays.observed()) {
                edges.add(day.atStartOfDay(zone).toInstant());
                for (HolidayRule.Hours h : holidays.hours()) {
                    edges.add(ZonedDateTime.of(day, h.start(), zone).toInstant());
                    LocalDate endDay = h.end().equals(LocalTime.MIDNIGHT) ? day.plusDays(1) : day;
                    edges.add(ZonedDateTime.of(endDay, h.end(), zone).toInstant());
                }
            }
        }
        return edges.stream().filter(t -> t.isAfter(at)).sorted().distinct()
                .filter(t -> isOpen(t, zone, holiday) == toOpen)
                .findFirst();
    }

    /** The compact text form, parseable by {@link #parse}. */
    public String format() {
        if (holidays.observed() && windows.equals(List.of(ALWAYS))) {
            return holidays.format();
        }
        String weekly = windows.stream().map(w -> formatDays(w.days()) + " " + w.start() + "-" + w.end())
                .collect(Collectors.joining("; "));
        return holidays.observed() ? weekly + "; " + holidays.format() : weekly;
    }

    /** The iCalendar recurrence rule of one window, e.g. {@code FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR}. */
    public static String rrule(ScheduleWindow window) {
        return "FREQ=WEEKLY;BYDAY=" + WEEK.stream().filter(window.days()::contains)
                .map(d -> d.name().substring(0, 2)).collect(Collectors.joining(","));
    }

    /** Parses the compact form; the message of the exception says what is wrong, for people. */
    public static WeeklySchedule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Enter at least one window, like MO-FR 07:00-12:00");
        }
        List<ScheduleWindow> windows = new ArrayList<>();
        HolidayRule holidays = null;
        for (String part : text.split(";")) {
            String spec = part.strip();
            if (spec.isEmpty()) {
                continue;
            }
            if (spec.toLowerCase(Locale.ROOT).startsWith("holidays")) {
                if (holidays != null) {
                    throw new IllegalArgumentException("Say once how holidays apply: " + quote(spec) + " is a second holiday clause");
                }
                holidays = parseHolidays(spec.substring("holidays".length()).strip());
                continue;
            }
            String[] pieces = spec.split("\\s+");
            if (pieces.length != 2) {
                throw new IllegalArgumentException(quote(spec) + " should be days and times, like MO-FR 07:00-12:00");
            }
            Set<DayOfWeek> days = parseDays(pieces[0]);
            String[] times = pieces[1].split("-");
            if (times.length != 2) {
                throw new IllegalArgumentException(quote(pieces[1]) + " should be a time range, like 07:00-12:00");
            }
            LocalTime start = parseTime(times[0]);
            LocalTime end = parseTime(times[1]);
            windows.add(new ScheduleWindow(days, start, end));
        }
        if (windows.isEmpty() && holidays != null) {
            windows.add(ALWAYS); // "holidays closed" alone: any time except on holidays
        }
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("Enter at least one window, like MO-FR 07:00-12:00");
        }
        if (windows.size() > MAX_WINDOWS) {
            throw new IllegalArgumentException("A schedule has at most " + MAX_WINDOWS + " windows");
        }
        return new WeeklySchedule(windows, holidays);
    }

    /** What follows "holidays": {@code closed}, or time ranges separated by commas. */
    private static HolidayRule parseHolidays(String rest) {
        if (rest.equalsIgnoreCase("closed")) {
            return HolidayRule.CLOSED;
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("Say how holidays apply: 'holidays closed', or holiday hours like 'holidays 09:00-13:00'");
        }
        List<HolidayRule.Hours> hours = new ArrayList<>();
        for (String range : rest.split(",")) {
            String[] times = range.strip().split("-");
            if (times.length != 2) {
                throw new IllegalArgumentException(quote(range) + " should be 'closed' or holiday hours like 09:00-13:00");
            }
            LocalTime start = parseTime(times[0]);
            LocalTime end = parseTime(times[1]);
            if (!end.equals(LocalTime.MIDNIGHT) && !end.isAfter(start)) {
                throw new IllegalArgumentException("Holiday hours " + quote(range) + " must end after they start, on the holiday (24:00 at the latest)");
            }
            hours.add(new HolidayRule.Hours(start, end));
        }
        if (hours.size() > MAX_WINDOWS) {
            throw new IllegalArgumentException("A schedule has at most " + MAX_WINDOWS + " holiday hours");
        }
        return HolidayRule.hours(hours);
    }

    private static Set<DayOfWeek> parseDays(String raw) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : raw.toUpperCase(Locale.ROOT).split(",")) {
            String[] range = item.split("-");
            if (range.length == 1) {
                days.add(day(range[0]));
            } else if (range.length == 2) {
                DayOfWeek from = day(range[0]);
                DayOfWeek to = day(range[1]);
                for (DayOfWeek d = from; ; d = d.plus(1)) {
                    days.add(d);
                    if (d == to) {
                        break;
                    }
                }
            } else {
                throw new IllegalArgumentException(quote(item) + " is not a day or a day range like MO-FR");
            }
        }
        return days;
    }

    private static DayOfWeek day(String code) {
        DayOfWeek day = DAY_CODES.get(code.strip());
        if (day == null) {
            throw new IllegalArgumentException(quote(code) + " is not a day: use MO, TU, WE, TH, FR, SA, SU");
        }
        return day;
    }

    private static LocalTime parseTime(String raw) {
        String value = raw.strip();
        if (value.equals("24:00")) {
            return LocalTime.MIDNIGHT;
        }
        try {
            return LocalTime.parse(value.length() == 4 ? "0" + value : value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(quote(raw) + " is not a time like 07:30");
        }
    }

    /** Quotes a piece of the input for a message, shortened: the input may be anything anyone typed. */
    private static String quote(String piece) {
        String p = piece.strip();
        return "'" + (p.length() > 30 ? p.substring(0, 30) + "…" : p) + "'";
    }

    private static String formatDays(Set<DayOfWeek> days) {
        return WEEK.stream().filter(days::contains).map(d -> d.name().substring(0, 2)).collect(Collectors.joining(","));
    }
}
