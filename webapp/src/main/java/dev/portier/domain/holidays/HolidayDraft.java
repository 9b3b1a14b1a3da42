package dev.portier.domain.holidays;

import java.time.LocalDate;

/** What a person enters for a holiday: its name and date; {@code yearly}: on that month and day every year. */
public record HolidayDraft(String name, LocalDate date, boolean yearly) {
}
