package dev.portier.platform.db;

/** A slice of a list: skip {@code offset} rows, return at most {@code limit} (capped at {@value #MAX_LIMIT}). */
public record PageRequest(int offset, int limit) {

    public static final int MAX_LIMIT = 1000;

    public PageRequest {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be at least 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(0, limit);
    }
}
