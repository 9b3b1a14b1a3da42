package dev.portier.web.ui;

import com.vaadin.flow.data.binder.ValidationResult;
import com.vaadin.flow.data.binder.Setter;
import com.vaadin.flow.data.binder.Validator;
import java.util.Optional;
import java.util.function.Function;

/** Adapts the domain's validation rules (message or empty) to Vaadin's {@link Validator}. */
public final class Validators {

    /**
     * The setter for bindings that only validate: these forms read their fields directly and hand
     * the values to a service, so nothing is written into a bean. (A {@code null} setter would make
     * Vaadin render the field read-only.)
     */
    public static <B, V> Setter<B, V> notWritten() {
        return (bean, value) -> {
        };
    }

    private Validators() {
    }

    public static <T> Validator<T> of(Function<T, Optional<String>> rule) {
        return (value, context) -> rule.apply(value).map(ValidationResult::error).orElseGet(ValidationResult::ok);
    }
}
