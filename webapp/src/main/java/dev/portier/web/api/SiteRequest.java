package dev.portier.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.portier.domain.sites.SiteDraft;
import io.swagger.v3.oas.annotations.media.Schema;

/** A site to create, or a site's new state (PUT replaces every field). Read-only fields of a response are ignored. */
@JsonIgnoreProperties({"id", "createdAt"})
public record SiteRequest(
        @Schema(example = "Harbour Offices", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 100) String name,
        @Schema(example = "Strandkaien 2, 4005 Stavanger", maxLength = 500) String address,
        @Schema(description = "IANA time zone the site's schedules run in", example = "Europe/Oslo",
                requiredMode = Schema.RequiredMode.REQUIRED) String timeZone,
        @Schema(description = "The holiday calendar the site observes (grants whose schedule says 'holidays closed' or holiday "
                + "hours follow it); absent or null: none", nullable = true) String holidayCalendarId) {

    /** A site without a holiday calendar. */
    public SiteRequest(String name, String address, String timeZone) {
        this(name, address, timeZone, null);
    }

    SiteDraft toDraft() {
        return new SiteDraft(name, address, timeZone);
    }
}
