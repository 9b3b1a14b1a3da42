package dev.portier.plugin.api;

/**
 * A value a field may take, offered after validation ({@link ConfigValidation#choices()}). Immutable.
 *
 * @param value what is stored in the configuration
 * @param label what people see
 */
public record Choice(String value, String label) {

    public Choice {
        if (value == null) {
            throw new IllegalArgumentException("A choice needs a value");
        }
        label = label == null || label.isBlank() ? value : label;
    }
}
