package dev.portier.platform.validation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input a service refused, with a message per field. Nothing was written. The UI shows each
 * message at its field; the API answers 400 with the first one.
 */
public final class ValidationException extends RuntimeException {

    private final Map<String, String> fieldErrors;

    public ValidationException(Map<String, String> fieldErrors) {
        super(fieldErrors.values().iterator().next());
        // Keeps the order problems were found in: the first one is the message and the API's field.
        this.fieldErrors = Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(Map.of(field, message));
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }

    /** The field of the first problem, the one {@link #getMessage()} describes. */
    public String firstField() {
        return fieldErrors.keySet().iterator().next();
    }

    /** Collects problems and throws them together. */
    public static final class Collector {
        private final Map<String, String> errors = new LinkedHashMap<>();

        public Collector check(String field, java.util.Optional<String> problem) {
            problem.ifPresent(message -> errors.putIfAbsent(field, message));
            return this;
        }

        public Collector add(String field, String message) {
            errors.putIfAbsent(field, message);
            return this;
        }

        public void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
        }
    }
}
