package dev.portier.grants;

/** Narrows the grant list; each part optional ({@code null}). */
public record GrantFilter(String search, String personId, String cardId, String lockId, String siteId, GrantStatus status) {
    public static final GrantFilter NONE = new GrantFilter(null, null, null, null, null, null);
}
