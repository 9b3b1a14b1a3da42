package dev.portier.drivers.ondemand;

import java.time.Instant;

/** What an account's external decision endpoint said about one on-demand key request. */
public sealed interface Verdict {

    /** The account has no external decision endpoint: Portier's own grants decide alone. */
    record NotConfigured() implements Verdict {
    }

    /** Issue a key valid from {@code start} to {@code end}. */
    record Allowed(Instant start, Instant end) implements Verdict {
    }

    /**
     * No key.
     *
     * @param reason     a sentence for the record: what the endpoint said, or why its answer could not count
     * @param byEndpoint true when the endpoint itself answered {@code hasAccess: false}; false when the call
     *                   failed (timeout, refused destination, non-2xx, malformed or mismatching answer)
     */
    record Denied(String reason, boolean byEndpoint) implements Verdict {
    }
}
