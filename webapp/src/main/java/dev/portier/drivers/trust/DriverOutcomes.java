package dev.portier.drivers.trust;

import dev.portier.drivers.plugins.DriverCallResult;
import dev.portier.platform.validation.UnavailableException;
import dev.portier.platform.validation.ValidationException;

/** Turns a driver call's outcome into a value or the exception the UI and API explain. */
final class DriverOutcomes {

    private DriverOutcomes() {
    }

    /**
     * The value; a driver's {@link IllegalArgumentException} (bad input, e.g. a malformed key) becomes a
     * {@link ValidationException} on {@code field}; anything else an {@link UnavailableException}.
     */
    static <T> T valueOf(DriverCallResult<T> result, String field) {
        return switch (result) {
            case DriverCallResult.Succeeded<T> ok -> ok.value();
            case DriverCallResult.Failed<T> failed when failed.cause() instanceof IllegalArgumentException bad ->
                    throw ValidationException.of(field, bad.getMessage());
            case DriverCallResult.Failed<T> failed -> throw new UnavailableException(failed.message());
        };
    }
}
