package dev.portier.web.api;

import dev.portier.domain.holidays.HolidayCalendar;
import java.time.Instant;

/** A holiday calendar as the API shows it. */
public record HolidayCalendarResponse(String id, String name, Instant createdAt) {

    static HolidayCalendarResponse of(HolidayCalendar calendar) {
        return new HolidayCalendarResponse(calendar.id(), calendar.name(), calendar.createdAt());
    }
}
