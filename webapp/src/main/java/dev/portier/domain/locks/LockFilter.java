package dev.portier.domain.locks;

/** Narrows the lock list; each part optional ({@code null}). */
public record LockFilter(String search, String siteId, LockKind kind, LockState state) {
    public static final LockFilter NONE = new LockFilter(null, null, null, null);
}
