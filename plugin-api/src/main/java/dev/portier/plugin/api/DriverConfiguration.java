package dev.portier.plugin.api;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A connection's settings as the driver reads them: the host has already checked them against the
 * factory's {@link ConfigProperty} list (required present, types parse, choices valid) and decrypted
 * the secrets. Immutable; safe to read from any thread.
 */
public record DriverConfiguration(Map<String, String> values) {

    public DriverConfiguration {
        values = Map.copyOf(values);
    }

    public Optional<String> text(String key) {
        String value = values.get(key);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** A required value; a missing one is the host's bug, since it validated the configuration. */
    public String require(String key) {
        return text(key).orElseThrow(() -> new IllegalStateException("Configuration has no value for " + key));
    }

    public Optional<Integer> integer(String key) {
        return text(key).map(Integer::parseInt);
    }

    public boolean flag(String key) {
        return text(key).map(Boolean::parseBoolean).orElse(false);
    }

    public Optional<URI> url(String key) {
        return text(key).map(URI::create);
    }

    @Override
    public String toString() {
        // Values may be secrets: never print them.
        return "DriverConfiguration" + values.keySet();
    }
}
