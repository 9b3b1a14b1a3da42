package dev.portier.plugin.api;

import java.util.Optional;

/**
 * Small values a driver keeps across restarts (vendor session tokens, certificates it was issued,
 * lock keys it generated), encrypted at rest with the host's master key and scoped to the
 * connection. Blocks briefly on the database; do not call from {@link LockDriver#initialize()}.
 */
public interface SecretStore {

    Optional<byte[]> get(String name);

    void put(String name, byte[] value);

    void delete(String name);
}
