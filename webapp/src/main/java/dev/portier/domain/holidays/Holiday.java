package dev.portier.domain.holidays;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * One holiday of a calendar: on one {@code date}, or every year on {@code yearly} (a 29 February only in
 * leap years). Exactly one of the two is set.
 */
public record Holiday(String id, String calendarId, String name, LocalDate date, MonthDay yearly) {

    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);

    public Holiday {
        Objects.requireNonNull(name, "name");
        if ((date == null) == (yearly == null)) {
            throw new IllegalArgumentException("A holiday is on one date or every year on a month and day");
        }
    }

    public boolean fallsOn(LocalDate day) {
        return date != null ? date.equals(day) : yearly.equals(MonthDay.from(day));
    }

    /** For people: "17 May every year" or "2026-05-14". */
    public String when() {
        return date != null ? date.toString() : DAY_MONTH.format(yearly.atYear(2000)) + " every year";
    }
}
