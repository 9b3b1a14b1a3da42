package dev.portier.plugins.reference;

import dev.portier.plugin.api.Schedule;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A key's schedule as the lock reads it, strictly in the contract's text form: windows separated by
 * "; ", each "DAYS HH:MM-HH:MM" with DAYS one day ("MO"), a range ("MO-FR") or a comma list
 * ("MO,WE,FR") of MO TU WE TH FR SA SU; the end may be "24:00"; an end at or before the start runs
 * past midnight into the next day (as Portier's grants do). An optional last part names the holidays
 * within the key's validity, "holidays DATES closed" or "holidays DATES HOURS": DATES ISO dates
 * ("2026-12-25") separated by ",", in ascending order; HOURS "HH:MM-HH:MM" separated by ",", each ending
 * after it starts ("24:00" at the latest). On those dates the weekly windows do not apply: the lock is
 * closed, or open only in the hours (a window from the day before still runs past midnight, and one from
 * a holiday into the next day does too, as {@link Schedule#isOpen} has it). A lock refuses
 * rather than guesses, so anything else is an {@link IllegalArgumentException} saying what is wrong.
 * Evaluated in local wall time of the lock's zone.
 *
 * <p>The driver writes this form from the host's typed {@link Schedule} ({@link #of(Schedule)}); the
 * text is what a key carries and the lock reads. Immutable; any thread.
 */
public final class WeeklyWindows {

    private static final List<String> DAY_CODES = List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");
    private static final String DAY = "(MO|TU|WE|TH|FR|SA|SU)";
    private static final Pattern WINDOW = Pattern.compile(
            "(" + DAY + "(?:-" + DAY + "|(?:," + DAY + ")*)) ([01]\\d|2[0-3]):([0-5]\\d)-(?:([01]\\d|2[0-3]):([0-5]\\d)|(24):00)");
    private static final int MINUTES_PER_DAY = 24 * 60;

    private record Window(Set<DayOfWeek> days, int startMinute, int endMinute) {
        boolean contains(DayOfWeek day, int minute) {
            if (endMinute > startMinute) {
                return days.contains(day) && minute >= startMinute && minute < endMinute;
            }
            // Ends at or before its start: it runs past midnight into the next day, as Portier's grants allow
            // ("FR 22:00-06:00"; "MO 00:00-00:00" is all of Monday).
            boolean lateOnStartDay = days.contains(day) && minute >= startMinute;
            boolean earlyOnNextDay = days.contains(day.minus(1)) && minute < endMinute;
            return lateOnStartDay || earlyOnNextDay;
        }
    }

    private static final String HOLIDAYS = "holidays ";
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern HOURS = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)-(?:([01]\\d|2[0-3]):([0-5]\\d)|(24):00)");

    /** Holiday hours: from {@code startMinute} until {@code endMinute} (up to 1440) of the holiday. */
    private record Hours(int startMinute, int endMinute) {
    }

    private final List<Window> windows;
    private final List<LocalDate> holidays;
    private final List<Hours> holidayHours;
    private final String text;

    private WeeklyWindows(List<Window> windows, List<LocalDate> holidays, List<Hours> holidayHours, String text) {
        this.windows = List.copyOf(windows);
        this.holidays = List.copyOf(holidays);
        this.holidayHours = List.copyOf(holidayHours);
        this.text = text;
    }

    /** Parses the text form strictly. */
    public static WeeklyWindows parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("A schedule has at least one window, like \"MO-FR 07:00-12:00\"");
        }
        List<Window> windows = new ArrayList<>();
        List<LocalDate> holidays = new ArrayList<>();
        List<Hours> hours = new ArrayList<>();
        String[] parts = text.split("; ", -1);
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].startsWith(HOLIDAYS)) {
                if (i != parts.length - 1 || i == 0) {
                    throw new IllegalArgumentException("The holidays part comes last, after at least one window: \""
                            + shorten(parts[i]) + "\"");
                }
                holidayClause(parts[i], holidays, hours);
            } else {
                windows.add(window(parts[i]));
            }
        }
        return new WeeklyWindows(windows, holidays, hours, text);
    }

    private static void holidayClause(String part, List<LocalDate> holidays, List<Hours> hours) {
        String[] pieces = part.split(" ", -1);
        if (pieces.length != 3) {
            throw new IllegalArgumentException("Holidays part \"" + shorten(part)
                    + "\" is not \"holidays DATES closed\" or \"holidays DATES HH:MM-HH:MM,…\"");
        }
        for (String date : pieces[1].split(",", -1)) {
            LocalDate day;
            try {
                if (!DATE.matcher(date).matches()) {
                    throw new DateTimeParseException("not YYYY-MM-DD", date, 0);
                }
                day = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Holiday \"" + shorten(date) + "\" is not a date like 2026-12-25");
            }
            if (!holidays.isEmpty() && !day.isAfter(holidays.getLast())) {
                throw new IllegalArgumentException("Holidays are in ascending order, each once: " + day + " after " + holidays.getLast());
            }
            holidays.add(day);
        }
        if (pieces[2].equals("closed")) {
            return;
        }
        for (String span : pieces[2].split(",", -1)) {
            Matcher m = HOURS.matcher(span);
            if (!m.matches()) {
                throw new IllegalArgumentException("Holiday hours \"" + shorten(span) + "\" are not \"HH:MM-HH:MM\" (or the word closed)");
            }
            int start = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
            int end = m.group(5) != null ? MINUTES_PER_DAY : Integer.parseInt(m.group(3)) * 60 + Integer.parseInt(m.group(4));
            if (end <= start) {
                throw new IllegalArgumentException("Holiday hours \"" + span + "\" end after they start (24:00 at the latest)");
            }
            hours.add(new Hours(start, end));
        }
    }

    private static Window window(String part) {
        Matcher m = WINDOW.matcher(part);
        if (!m.matches()) {
            throw new IllegalArgumentException("Schedule window \"" + shorten(part)
                    + "\" is not \"DAYS HH:MM-HH:MM\" (days MO TU WE TH FR SA SU, windows separated by \"; \")");
        }
        Set<DayOfWeek> days = days(m.group(1), part);
        int start = Integer.parseInt(m.group(5)) * 60 + Integer.parseInt(m.group(6));
        int end = m.group(9) != null ? MINUTES_PER_DAY : Integer.parseInt(m.group(7)) * 60 + Integer.parseInt(m.group(8));
        if (end == MINUTES_PER_DAY && start == 0) {
            return new Window(days, 0, MINUTES_PER_DAY);
        }
        return new Window(days, start, end % MINUTES_PER_DAY);
    }

    private static Set<DayOfWeek> days(String spec, String part) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (spec.length() == 5 && spec.charAt(2) == '-') {
            int from = DAY_CODES.indexOf(spec.substring(0, 2));
            int to = DAY_CODES.indexOf(spec.substring(3));
            if (to <= from) {
                throw new IllegalArgumentException("Day range in \"" + shorten(part) + "\" runs backwards; write it from MO towards SU");
            }
            for (int d = from; d <= to; d++) {
                days.add(DayOfWeek.of(d + 1));
            }
            return days;
        }
        for (String code : spec.split(",")) {
            if (!days.add(DayOfWeek.of(DAY_CODES.indexOf(code) + 1))) {
                throw new IllegalArgumentException("Day " + code + " is named twice in \"" + shorten(part) + "\"");
            }
        }
        return days;
    }

    /**
     * The text form of the host's schedule, window by window in the host's order: days as a range when
     * they follow each other ({@code MO-FR}), else a comma list in week order; times to the minute.
     * Both forms mean the same: an end at or before the start runs past midnight, 00:00-00:00 is the whole day.
     *
     * @throws IllegalArgumentException when a window starts or ends off the minute (the lock reads minutes)
     */
    public static WeeklyWindows of(Schedule schedule) {
        StringJoiner text = new StringJoiner("; ");
        for (Schedule.Window window : schedule.windows()) {
            text.add(days(window.days()) + " " + minute(window.start()) + "-" + minute(window.end()));
        }
        if (!schedule.holidays().isEmpty()) {
            StringJoiner dates = new StringJoiner(",");
            schedule.holidays().stream().sorted().distinct().forEach(day -> dates.add(day.toString()));
            StringJoiner hours = new StringJoiner(",");
            for (Schedule.Window window : schedule.holidayHours()) {
                String end = window.end().equals(LocalTime.MIDNIGHT) ? "24:00" : minute(window.end());
                hours.add(minute(window.start()) + "-" + end);
            }
            text.add(HOLIDAYS + dates + " " + (schedule.holidayHours().isEmpty() ? "closed" : hours.toString()));
        }
        return parse(text.toString());
    }

    private static String days(Set<DayOfWeek> days) {
        List<Integer> indexes = days.stream().map(day -> day.getValue() - 1).sorted().toList();
        boolean consecutive = indexes.getLast() - indexes.getFirst() == indexes.size() - 1;
        if (indexes.size() > 1 && consecutive) {
            return DAY_CODES.get(indexes.getFirst()) + "-" + DAY_CODES.get(indexes.getLast());
        }
        StringJoiner codes = new StringJoiner(",");
        indexes.forEach(index -> codes.add(DAY_CODES.get(index)));
        return codes.toString();
    }

    private static String minute(LocalTime time) {
        if (time.getSecond() != 0 || time.getNano() != 0) {
            throw new IllegalArgumentException("The reference lock reads schedules to the minute, not " + time);
        }
        return String.format("%02d:%02d", time.getHour(), time.getMinute());
    }

    /** Whether local wall time {@code local} falls in a window. */
    public boolean contains(LocalDateTime local) {
        int minute = local.getHour() * 60 + local.getMinute();
        if (holidays.contains(local.toLocalDate())) {
            return holidayHours.stream().anyMatch(h -> minute >= h.startMinute() && minute < h.endMinute());
        }
        return windows.stream().anyMatch(w -> w.contains(local.getDayOfWeek(), minute));
    }

    /** Whether {@code at} falls in a window, read in {@code zone}. */
    public boolean contains(Instant at, ZoneId zone) {
        return contains(LocalDateTime.ofInstant(at, zone));
    }

    private static String shorten(String piece) {
        return piece.length() > 40 ? piece.substring(0, 40) + "…" : piece;
    }

    @Override
    public String toString() {
        return text;
    }
}
