package dev.portier.domain.holidays;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The holidays a site observes: those of its calendar, none when it has none. Dates are local dates of
 * the site's zone. Immutable.
 */
public record SiteHolidays(String calendarId, String calendarName, List<Holiday> holidays) {

    public static final SiteHolidays NONE = new SiteHolidays(null, null, List.of());
    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);

    public SiteHolidays {
        holidays = List.copyOf(holidays);
    }

    public boolean isHoliday(LocalDate day) {
        return on(day).isPresent();
    }

    /** The holiday on {@code day}, if any (a one-off one before a yearly one on the same day). */
    public Optional<Holiday> on(LocalDate day) {
        Optional<Holiday> oneOff = holidays.stream().filter(h -> h.date() != null && h.fallsOn(day)).findFirst();
        return oneOff.isPresent() ? oneOff : holidays.stream().filter(h -> h.fallsOn(day)).findFirst();
    }

    /** The holidays' dates from {@code first} to {@code last}, both included, in order. */
    public List<LocalDate> datesBetween(LocalDate first, LocalDate last) {
        List<LocalDate> dates = new ArrayList<>();
        if (holidays.isEmpty()) {
            return dates;
        }
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (isHoliday(day)) {
                dates.add(day);
            }
        }
        return dates;
    }

    /** For people: "closed 17 May: holiday 'Constitution Day'". */
    public static String closedOn(LocalDate day, Holiday holiday) {
        return "closed " + DAY_MONTH.format(day) + ": holiday '" + holiday.name() + "'";
    }
}
