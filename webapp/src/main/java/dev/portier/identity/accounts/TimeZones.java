package dev.portier.identity.accounts;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** IANA time zones as accounts and sites use them. */
public final class TimeZones {

    private static final List<String> IDS = ZoneId.getAvailableZoneIds().stream()
            .filter(id -> id.contains("/") || id.equals("UTC"))
            .filter(id -> !id.startsWith("Etc/") && !id.startsWith("SystemV/"))
            .sorted()
            .toList();

    private TimeZones() {
    }

    /** The region-based zone ids a person picks from, sorted. */
    public static List<String> ids() {
        return IDS;
    }

    public static Optional<String> validate(String id) {
        if (id == null || id.isBlank()) {
            return Optional.of("Choose a time zone");
        }
        try {
            ZoneId.of(id);
            return IDS.contains(id) ? Optional.empty() : Optional.of("Choose a region-based time zone such as Europe/Oslo");
        } catch (DateTimeException e) {
            return Optional.of("'" + id + "' is not a known time zone");
        }
    }
}
