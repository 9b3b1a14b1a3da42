package dev.portier.plugin.api;

import java.util.List;

/**
 * One setting of a driver's connection, declared as data so the host renders one generic form for
 * every driver (after Keycloak's {@code ProviderConfigProperty}). Also declares the inputs of
 * {@link LockEnrolment#enrolmentInputs()}. Immutable; any thread.
 *
 * @param key          stable key, e.g. {@code "apiKey"}
 * @param type         what kind of value
 * @param label        the field's label
 * @param help         a sentence under the field; may be empty
 * @param defaultValue the value a new connection starts with; {@code null} for none
 * @param required     whether a connection cannot be saved without it
 * @param secret       write-only in the UI and encrypted at rest (API keys, passwords, tokens)
 * @param options      the choices of a {@link ConfigType#CHOICE}; empty otherwise
 * @param shownWhen    the setting applies only while another setting has one of some values (e.g. only in
 *                     production mode): the host hides it otherwise and does not demand it; {@code null}
 *                     for a setting that always applies (since 2.3.0)
 */
public record ConfigProperty(String key, ConfigType type, String label, String help, String defaultValue,
        boolean required, boolean secret, List<String> options, ShownWhen shownWhen) {

    /**
     * A setting that applies only while the setting {@code key} (typically a {@link ConfigType#CHOICE} such as
     * the mode) has one of {@code values}; a missing value counts as that setting's default. Immutable.
     */
    public record ShownWhen(String key, List<String> values) {
        public ShownWhen {
            if (key == null || values == null || values.isEmpty()) {
                throw new IllegalArgumentException("A condition names a setting and at least one of its values");
            }
            values = List.copyOf(values);
        }

        /** Whether the condition holds for the value the setting has ({@code null}: not given). */
        public boolean holdsFor(String value) {
            return value != null && values.contains(value);
        }
    }

    /** A setting that always applies (the form of SPI 2.0 to 2.2). */
    public ConfigProperty(String key, ConfigType type, String label, String help, String defaultValue,
            boolean required, boolean secret, List<String> options) {
        this(key, type, label, help, defaultValue, required, secret, options, null);
    }

    public ConfigProperty {
        if (key == null || !key.matches("[a-zA-Z][a-zA-Z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("A configuration key is a letter followed by letters, digits, _ . or -: " + key);
        }
        if (type == null || label == null || label.isBlank()) {
            throw new IllegalArgumentException("A configuration property needs a type and a label: " + key);
        }
        help = help == null ? "" : help;
        options = options == null ? List.of() : List.copyOf(options);
        if (type == ConfigType.CHOICE && options.isEmpty()) {
            throw new IllegalArgumentException("A choice needs options: " + key);
        }
        if (shownWhen != null && shownWhen.key().equals(key)) {
            throw new IllegalArgumentException("A setting cannot depend on itself: " + key);
        }
    }

    /**
     * This setting, applying only while the setting {@code otherKey} has one of {@code values}, e.g.
     * {@code ConfigProperty.secret("apiKey", …).shownWhen("mode", "production")}.
     */
    public ConfigProperty shownWhen(String otherKey, String... values) {
        return new ConfigProperty(key, type, label, help, defaultValue, required, secret, options,
                new ShownWhen(otherKey, List.of(values)));
    }

    /** A required setting without default. */
    public static ConfigProperty required(String key, ConfigType type, String label, String help) {
        return new ConfigProperty(key, type, label, help, null, true, false, List.of());
    }

    /** An optional setting with a default. */
    public static ConfigProperty optional(String key, ConfigType type, String label, String help, String defaultValue) {
        return new ConfigProperty(key, type, label, help, defaultValue, false, false, List.of());
    }

    /** A required secret (shown write-only, stored encrypted). */
    public static ConfigProperty secret(String key, String label, String help) {
        return new ConfigProperty(key, ConfigType.TEXT, label, help, null, true, true, List.of());
    }

    /** A required choice among {@code options}, the first being the default. */
    public static ConfigProperty choice(String key, String label, String help, List<String> options) {
        return new ConfigProperty(key, ConfigType.CHOICE, label, help, options.isEmpty() ? null : options.getFirst(),
                true, false, options);
    }
}
