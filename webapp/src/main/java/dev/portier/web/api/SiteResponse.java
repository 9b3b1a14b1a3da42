package dev.portier.web.api;

import dev.portier.domain.sites.Site;
import java.time.Instant;

/** A site as the API shows it. */
public record SiteResponse(String id, String name, String address, String timeZone, Instant createdAt) {

    static SiteResponse of(Site site) {
        return new SiteResponse(site.id(), site.name(), site.address(), site.timeZone(), site.createdAt());
    }
}
