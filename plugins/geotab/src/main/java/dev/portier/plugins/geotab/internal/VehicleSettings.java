package dev.portier.plugins.geotab.internal;

import dev.portier.plugin.api.SecretStore;
import java.nio.charset.StandardCharsets;

/**
 * What the host told the driver about each vehicle, kept in the connection's secret store so it holds
 * across restarts: whether the vehicle's "Disable Online CheckIn" parameter is set. Thread-safe (the
 * store is).
 */
final class VehicleSettings {

    private static final byte[] DISABLED = "disabled".getBytes(StandardCharsets.UTF_8);

    private final SecretStore store;

    VehicleSettings(SecretStore store) {
        this.store = store;
    }

    boolean onlineCheckInDisabled(String serialNumber) {
        return store.get(name(serialNumber)).isPresent();
    }

    void onlineCheckIn(String serialNumber, boolean allowed) {
        if (allowed) {
            store.delete(name(serialNumber));
        } else {
            store.put(name(serialNumber), DISABLED);
        }
    }

    private static String name(String serialNumber) {
        return "online-check-in-disabled/" + serialNumber;
    }
}
