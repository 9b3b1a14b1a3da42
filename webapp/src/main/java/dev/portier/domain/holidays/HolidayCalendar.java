package dev.portier.domain.holidays;

import java.time.Instant;

/** An account's list of public holidays (e.g. "Norway"), observed by the sites assigned to it. */
public record HolidayCalendar(String id, String accountId, String name, Instant createdAt) {
}
