package dev.portier.plugins.reference;

import java.util.List;

/**
 * Portier's mobile API answered with an error ({"error": "…"}, and "reasons" for a refused on-demand
 * key), or could not be reached (status 0).
 */
public final class MobileApiException extends RuntimeException {

    private final int status;
    private final List<String> reasons;

    public MobileApiException(int status, String message, List<String> reasons) {
        super(message);
        this.status = status;
        this.reasons = List.copyOf(reasons);
    }

    /** The HTTP status; 0 when Portier could not be reached. */
    public int status() {
        return status;
    }

    /** Why an on-demand key was refused (e.g. "OUTSIDE_SCHEDULE"); empty otherwise. */
    public List<String> reasons() {
        return reasons;
    }
}
