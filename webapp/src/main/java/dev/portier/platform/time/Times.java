package dev.portier.platform.time;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How instants are shown: in the account's time zone, to the second, with the zone's short name. */
public final class Times {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    private Times() {
    }

    public static String format(Instant instant, ZoneId zone) {
        return instant == null ? "" : FORMAT.format(instant.atZone(zone));
    }
}
