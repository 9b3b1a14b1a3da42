package dev.portier.drivers.trust;

import dev.portier.drivers.plugins.DriverRefusals;
import dev.portier.drivers.plugins.DriverCallResult;

/** Turns a driver call's outcome into a value or the exception the UI and API explain. */
final class DriverOutcomes {

    private DriverOutcomes() {
    }

    /** The value, or the typed refusal at {@code field} ({@link DriverRefusals}), or an unavailable driver. */
    static <T> T valueOf(DriverCallResult<T> result, String field) {
        return DriverRefusals.valueOf(result, field);
    }
}
