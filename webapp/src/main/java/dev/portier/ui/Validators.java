package dev.portier.ui;

import com.vaadin.flow.data.binder.ValidationResult;
import com.vaadin.flow.data.binder.Validator;
import java.util.Optional;
import java.util.function.Function;

/** Adapts the domain's validation rules (message or empty) to Vaadin's {@link Validator}. */
public final class Validators {

    private Validators() {
    }

    public static <T> Validator<T> of(Function<T, Optional<String>> rule) {
        return (value, context) -> rule.apply(value).map(ValidationResult::error).orElseGet(ValidationResult::ok);
    }
}
