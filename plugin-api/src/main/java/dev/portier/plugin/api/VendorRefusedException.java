package dev.portier.plugin.api;

import java.util.Objects;

/**
 * The vendor refused permanently for this input: sending the same request again cannot help (a
 * person without email on an email-only vendor, a card type the vendor does not know). The host
 * stops retrying and shows {@link #reason()}. Any other exception from a capability call is treated
 * as transient and retried with backoff. Thrown by capability methods on host workers.
 */
public class VendorRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    /** @param reason a sentence for people, without secrets */
    public VendorRefusedException(String reason) {
        super(Objects.requireNonNull(reason, "reason"));
        this.reason = reason;
    }

    /** @param reason a sentence for people, without secrets */
    public VendorRefusedException(String reason, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason"), cause);
        this.reason = reason;
    }

    /** Why the vendor refused, as a sentence for people. */
    public String reason() {
        return reason;
    }
}
