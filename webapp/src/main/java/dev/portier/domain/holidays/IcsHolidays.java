package dev.portier.domain.holidays;

import dev.portier.platform.validation.ValidationException;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * Reads holidays from an iCalendar file (as published by governments and calendar services): each VEVENT
 * an all-day event (DTSTART;VALUE=DATE, an optional DTEND for several days), its SUMMARY the name; an RRULE
 * of FREQ=YEARLY makes it yearly on its month and day. Anything else is refused with a message naming the
 * event, so a bad file imports nothing.
 */
final class IcsHolidays {

    static final int MAX_HOLIDAYS = 1000;
    private static final int MAX_DAYS_PER_EVENT = 31;

    private IcsHolidays() {
    }

    static List<HolidayDraft> read(String text) {
        if (text == null || text.isBlank()) {
            throw ValidationException.of("file", "The file is empty: choose an iCalendar (.ics) file");
        }
        Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(new StringReader(text));
        } catch (Exception e) {
            throw ValidationException.of("file", "This is not an iCalendar (.ics) file Portier can read: " + firstLine(e.getMessage()));
        }
        List<VEvent> events = calendar.getComponents(VEvent.VEVENT);
        if (events.isEmpty()) {
            throw ValidationException.of("file", "The file has no events (VEVENT): nothing to import");
        }
        List<HolidayDraft> drafts = new ArrayList<>();
        for (VEvent event : events) {
            String name = event.getProperty(Property.SUMMARY).map(Property::getValue).map(String::strip)
                    .filter(s -> !s.isEmpty()).orElse("Holiday");
            Optional<DtStart<Temporal>> start = event.getStartDate();
            if (start.isEmpty() || !(start.get().getDate() instanceof LocalDate first)) {
                throw ValidationException.of("file", "Event '" + shorten(name) + "' is not an all-day event (DTSTART;VALUE=DATE): "
                        + "holidays are whole days");
            }
            Optional<DtEnd<Temporal>> end = event.getEndDate(false);
            LocalDate last = first;
            if (end.isPresent()) {
                if (!(end.get().getDate() instanceof LocalDate endDate) || !endDate.isAfter(first)) {
                    throw ValidationException.of("file", "Event '" + shorten(name) + "' should end (DTEND;VALUE=DATE) on a later day than it starts");
                }
                if (ChronoUnit.DAYS.between(first, endDate) > MAX_DAYS_PER_EVENT) {
                    throw ValidationException.of("file", "Event '" + shorten(name) + "' lasts more than " + MAX_DAYS_PER_EVENT + " days");
                }
                last = endDate.minusDays(1); // DTEND of an all-day event is exclusive
            }
            boolean yearly = yearly(event, name);
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                drafts.add(new HolidayDraft(name, day, yearly));
            }
            if (drafts.size() > MAX_HOLIDAYS) {
                throw ValidationException.of("file", "The file has more than " + MAX_HOLIDAYS + " holidays");
            }
        }
        return drafts;
    }

    private static boolean yearly(VEvent event, String name) {
        Optional<RRule<Temporal>> rule = event.getProperty(Property.RRULE);
        if (rule.isEmpty()) {
            return false;
        }
        Recur<Temporal> recur = rule.get().getRecur();
        boolean sameDay = recur.getDayList().isEmpty() && recur.getMonthDayList().size() <= 1 && recur.getMonthList().size() <= 1
                && recur.getInterval() <= 1 && recur.getCount() < 1 && recur.getUntil() == null;
        if (recur.getFrequency() != Frequency.YEARLY || !sameDay) {
            throw ValidationException.of("file", "Event '" + shorten(name) + "' repeats as " + shorten(rule.get().getValue())
                    + ": Portier imports one-off holidays and yearly ones on the same date (FREQ=YEARLY)");
        }
        return true;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        return shorten(message.lines().findFirst().orElse("unreadable"));
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
