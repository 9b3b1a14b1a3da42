package dev.portier.drivers.plugins;

import dev.portier.platform.validation.UnavailableException;
import dev.portier.platform.validation.ValidationException;
import dev.portier.plugin.api.EnrolmentRefusedException;
import dev.portier.plugin.api.LimitExceededException;
import dev.portier.plugin.api.VendorRefusedException;

/**
 * What a failed driver call means to the person or integrator who asked, read from the SPI's typed
 * exceptions (never from their text): a vendor limit or a refusal of the input is a
 * {@link ValidationException} at the field it concerns (400 in the API, a message at the field in the
 * UI); anything else is the vendor's or the driver's failure.
 */
public final class DriverRefusals {

    private DriverRefusals() {
    }

    /** The value of a call, or the exception that explains its failure at {@code field}. */
    public static <T> T valueOf(DriverCallResult<T> result, String field) {
        return switch (result) {
            case DriverCallResult.Succeeded<T> ok -> ok.value();
            case DriverCallResult.Failed<T> failed -> throw explain(failed, field, null);
        };
    }

    /**
     * @param field       where a refusal of the input is shown
     * @param otherwise   the exception for a failure that is not a refusal; {@code null} for an {@link UnavailableException}
     */
    public static RuntimeException explain(DriverCallResult.Failed<?> failed, String field, RuntimeException otherwise) {
        Throwable cause = failed.cause();
        if (cause instanceof LimitExceededException limit) {
            return ValidationException.of(field, limitMessage(limit));
        }
        if (cause instanceof EnrolmentRefusedException refused) {
            return ValidationException.of(refused.input() == null ? field : refused.input(), refused.getMessage());
        }
        if (cause instanceof VendorRefusedException refused) {
            return ValidationException.of(field, refused.reason());
        }
        if (cause instanceof IllegalArgumentException bad && bad.getMessage() != null && !bad.getMessage().isBlank()) {
            return ValidationException.of(field, bad.getMessage());
        }
        return otherwise != null ? otherwise : new UnavailableException(failed.message());
    }

    /** A vendor limit in words, from its typed parts: the rule, the limit and what there would be. */
    public static String limitMessage(LimitExceededException limit) {
        String text = limit.getMessage();
        String detail = "the vendor's rule " + limit.rule() + " allows at most " + limit.limit() + ", this would make "
                + limit.current();
        // A driver may phrase the rule for people (its subclass's message); the typed parts are always shown.
        return text != null && !text.startsWith("Vendor limit ") ? text + " (" + detail + ")" : capitalised(detail);
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
