package dev.portier.drivers.connections;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A configured driver instance of an account: which driver, its non-secret settings, and which
 * secret settings have a stored value. Secret values are never part of this record.
 *
 * @param settings      the non-secret settings, property key → value
 * @param storedSecrets keys of the secret settings that have a stored value
 */
public record Connection(String id, String accountId, String name, String driverId, Map<String, String> settings,
        Set<String> storedSecrets, Instant createdAt, String createdBy, Instant updatedAt) {

    public Connection {
        settings = Map.copyOf(settings);
        storedSecrets = Set.copyOf(storedSecrets);
    }
}
