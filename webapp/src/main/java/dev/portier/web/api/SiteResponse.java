package dev.portier.web.api;

import dev.portier.domain.sites.Site;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A site as the API shows it. */
public record SiteResponse(String id, String name, String address, String timeZone, Instant createdAt,
        @Schema(description = "The holiday calendar the site observes; null: none", nullable = true) String holidayCalendarId) {

    static SiteResponse of(Site site, String holidayCalendarId) {
        return new SiteResponse(site.id(), site.name(), site.address(), site.timeZone(), site.createdAt(), holidayCalendarId);
    }
}
