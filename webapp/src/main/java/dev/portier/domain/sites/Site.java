package dev.portier.domain.sites;

import java.time.Instant;

/** A property, building, store or vehicle depot. Schedules of grants on it run in its time zone. */
public record Site(String id, String accountId, String name, String address, String timeZone, Instant createdAt) {
}
