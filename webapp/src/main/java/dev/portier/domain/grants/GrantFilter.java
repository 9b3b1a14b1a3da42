package dev.portier.domain.grants;

/**
 * Narrows the grant list; each part optional ({@code null}). {@code siteId} finds the grants at a site:
 * the site-wide ones and those on its locks. {@code groupGrantId}: only that group grant's member grants;
 * {@code withoutMemberGrants}: only grants made one by one.
 */
public record GrantFilter(String search, String personId, String cardId, String lockId, String siteId, GrantStatus status,
        String groupGrantId, boolean withoutMemberGrants) {
    public static final GrantFilter NONE = new GrantFilter(null, null, null, null, null, null);

    /** Any grant, member grants of group grants included. */
    public GrantFilter(String search, String personId, String cardId, String lockId, String siteId, GrantStatus status) {
        this(search, personId, cardId, lockId, siteId, status, null, false);
    }

    /** The same filter without the member grants of group grants (lists that show each group grant once). */
    public GrantFilter directOnly() {
        return new GrantFilter(search, personId, cardId, lockId, siteId, status, groupGrantId, true);
    }
}
