package dev.portier.plugins.geotab.internal;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The running drivers of one factory, by connection id: only for routing notifications that arrive at
 * the SPI 1.x webhook URL, which names no connection. The security token that tells them apart is
 * generated at run time and kept in each connection's secret store, which the host's
 * {@code LegacyEndpointRouting.ConnectionSettings} does not carry; the running driver knows it, and the
 * host can only hand a request to a running driver anyway. Goes away with the legacy URL. Thread-safe.
 */
public final class LiveDrivers {

    private final ConcurrentHashMap<String, GeotabDriver> drivers = new ConcurrentHashMap<>();

    void started(String connectionId, GeotabDriver driver) {
        drivers.put(connectionId, driver);
    }

    /** Forgets {@code driver}; a newer driver of the same connection stays. */
    void disposed(String connectionId, GeotabDriver driver) {
        drivers.remove(connectionId, driver);
    }

    /** The running driver of {@code connectionId}, if this factory created one that is not disposed. */
    public Optional<GeotabDriver> of(String connectionId) {
        return Optional.ofNullable(drivers.get(connectionId));
    }
}
