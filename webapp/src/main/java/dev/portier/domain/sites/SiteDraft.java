package dev.portier.domain.sites;

/** What a person types to create or change a site. */
public record SiteDraft(String name, String address, String timeZone) {
}
