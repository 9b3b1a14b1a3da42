package dev.portier.drivers.trust;

import dev.portier.domain.grants.WeeklySchedule;
import dev.portier.domain.holidays.HolidayService;
import dev.portier.domain.holidays.SiteHolidays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The holidays a key must carry: those of the lock's site when the grant's schedule observes holidays
 * (none otherwise), looked up once per site for one query of wanted keys. What is part of a key's
 * fingerprint, so that editing the holidays (or the site's calendar) re-issues exactly the keys that
 * observe them; keys that do not observe holidays keep the fingerprint they had before holidays existed.
 */
final class KeyHolidays {

    private final Handle handle;
    private final String accountId;
    private final Map<String, SiteHolidays> bySite = new HashMap<>();

    KeyHolidays(Handle handle, String accountId) {
        this.handle = handle;
        this.accountId = accountId;
    }

    /** The holidays a key on a lock of {@code siteId} under {@code schedule} (the grant's text) observes. */
    SiteHolidays of(String siteId, String schedule) {
        if (schedule == null || schedule.isBlank() || !observes(schedule)) {
            return SiteHolidays.NONE;
        }
        return bySite.computeIfAbsent(siteId, site -> HolidayService.forSite(handle, accountId, site));
    }

    private static boolean observes(String schedule) {
        try {
            return WeeklySchedule.parse(schedule).holidays().observed();
        } catch (IllegalArgumentException e) {
            return false; // issuing refuses it with the parser's message
        }
    }

    /** The holidays' part of a fingerprint: empty when none, else every holiday's date or yearly day, sorted. */
    static String fingerprintPart(SiteHolidays holidays) {
        if (holidays.holidays().isEmpty()) {
            return "";
        }
        return "|holidays:" + holidays.holidays().stream().map(h -> h.date() != null ? h.date().toString() : h.yearly().toString())
                .sorted().collect(Collectors.joining(","));
    }
}
