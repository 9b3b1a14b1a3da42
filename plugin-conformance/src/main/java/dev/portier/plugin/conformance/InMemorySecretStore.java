package dev.portier.plugin.conformance;

import dev.portier.plugin.api.SecretStore;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link SecretStore} in a map, for one test's connection. Thread-safe; copies values in and out. */
public final class InMemorySecretStore implements SecretStore {

    private final Map<String, byte[]> values = new ConcurrentHashMap<>();

    @Override
    public Optional<byte[]> get(String name) {
        return Optional.ofNullable(values.get(name)).map(byte[]::clone);
    }

    @Override
    public void put(String name, byte[] value) {
        values.put(name, value.clone());
    }

    @Override
    public void delete(String name) {
        values.remove(name);
    }

    /** The names stored now. */
    public Set<String> names() {
        return Set.copyOf(values.keySet());
    }
}
