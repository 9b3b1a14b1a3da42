package dev.portier.drivers.connections;

import dev.portier.plugin.api.ConfigProperty;
import dev.portier.platform.validation.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a connection's settings against its factory's {@link ConfigProperty} list and splits them
 * into the plain values (stored as JSON in the connection's row) and the secret values (sealed in the
 * connection's secret store). Problems are reported per property key, the key being the form field.
 */
public final class ConnectionSettings {

    /** Longest single-line value; a URL or an id never needs more. */
    public static final int MAX_LINE = 2_000;
    /** Longest multi-line value: room for a certificate chain. */
    public static final int MAX_MULTILINE = 20_000;

    private ConnectionSettings() {
    }

    /** Settings after validation: values trimmed, defaults applied, unknown keys dropped. */
    public record Checked(Map<String, String> plain, Map<String, String> secrets) {
    }

    /**
     * Checks {@code values} (property key → what was typed; a missing or blank value means "not given").
     *
     * @param storedSecrets keys of secrets already stored: a blank secret keeps its stored value, so it
     *                      counts as present for "required"
     * @throws ValidationException with one message per problem property
     */
    public static Checked check(List<ConfigProperty> schema, Map<String, String> values, java.util.Set<String> storedSecrets) {
        ValidationException.Collector problems = new ValidationException.Collector();
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        for (ConfigProperty property : schema) {
            String raw = values.get(property.key());
            String value = raw == null ? "" : (property.secret() ? raw : raw.strip());
            if (value.isBlank()) {
                boolean kept = property.secret() && storedSecrets.contains(property.key());
                if (property.required() && !kept && applies(property, schema, values)) {
                    problems.add(property.key(), property.label() + " is required");
                }
                continue;
            }
            Optional<String> problem = problem(property, value);
            if (problem.isPresent()) {
                problems.add(property.key(), problem.get());
            } else if (property.secret()) {
                secrets.put(property.key(), value);
            } else {
                plain.put(property.key(), value);
            }
        }
        problems.throwIfAny();
        return new Checked(plain, secrets);
    }

    /**
     * Whether {@code property} applies to these settings: always, unless it is shown only while another setting
     * has certain values (a production-only API key), judged by that setting's value or else its default.
     */
    public static boolean applies(ConfigProperty property, List<ConfigProperty> schema, Map<String, String> values) {
        ConfigProperty.ShownWhen condition = property.shownWhen();
        if (condition == null) {
            return true;
        }
        String value = values.get(condition.key());
        if (value == null || value.isBlank()) {
            value = schema.stream().filter(p -> p.key().equals(condition.key())).map(ConfigProperty::defaultValue)
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        }
        return condition.holdsFor(value == null ? null : value.strip());
    }

    static Optional<String> problem(ConfigProperty property, String value) {
        String label = property.label();
        int max = property.type() == dev.portier.plugin.api.ConfigType.MULTILINE ? MAX_MULTILINE : MAX_LINE;
        if (value.length() > max) {
            return Optional.of(label + " has at most " + max + " characters");
        }
        if (property.type() != dev.portier.plugin.api.ConfigType.MULTILINE && value.chars().anyMatch(Character::isISOControl)) {
            return Optional.of(label + " must be a single line without control characters");
        }
        return switch (property.type()) {
            case TEXT, MULTILINE -> Optional.empty();
            case INTEGER -> integerProblem(label, value);
            case BOOLEAN -> value.equals("true") || value.equals("false")
                    ? Optional.empty() : Optional.of(label + " must be true or false");
            case CHOICE -> property.options().contains(value)
                    ? Optional.empty() : Optional.of(label + " must be one of " + String.join(", ", property.options()));
            case URL -> urlProblem(label, value);
        };
    }

    private static Optional<String> integerProblem(String label, String value) {
        try {
            Integer.parseInt(value);
            return Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.of(label + " must be a whole number");
        }
    }

    private static Optional<String> urlProblem(String label, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null || uri.getHost().isBlank()) {
                return Optional.of(label + " must be an absolute http:// or https:// address, e.g. https://controller.example.com");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of(label + " is not a valid address: " + e.getReason());
        }
    }
}
