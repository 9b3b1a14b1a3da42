package dev.portier.domain.grants;

/**
 * Narrows the grant list; each part optional ({@code null}). {@code siteId} finds the grants at a site:
 * the site-wide ones and those on its locks.
 */
public record GrantFilter(String search, String personId, String cardId, String lockId, String siteId, GrantStatus status) {
    public static final GrantFilter NONE = new GrantFilter(null, null, null, null, null, null);
}
