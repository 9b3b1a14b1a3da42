package dev.portier.plugin.api;

import java.util.Objects;

/**
 * A vendor limit stops the operation (too many active keys on a vehicle, too many card serials …);
 * nothing was changed. Permanent for this input: the host does not retry, and maps it to a 400 or a
 * UI message from the typed fields, never from the message text. Thrown by capability methods on
 * host workers.
 */
public class LimitExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String rule;
    private final long limit;
    private final long current;

    /**
     * @param rule    a stable id of the rule, e.g. {@code "geotab.active-keys"}
     * @param limit   the most the vendor allows
     * @param current how many there are (or would be) now
     */
    public LimitExceededException(String rule, long limit, long current) {
        super("Vendor limit " + Objects.requireNonNull(rule, "rule") + " exceeded: " + current + " of at most " + limit);
        if (rule.isBlank()) {
            throw new IllegalArgumentException("A limit needs a rule id");
        }
        this.rule = rule;
        this.limit = limit;
        this.current = current;
    }

    /** The stable id of the violated rule, e.g. {@code "geotab.active-keys"}. */
    public String rule() {
        return rule;
    }

    /** The most the vendor allows. */
    public long limit() {
        return limit;
    }

    /** How many there are (or would be) now. */
    public long current() {
        return current;
    }
}
