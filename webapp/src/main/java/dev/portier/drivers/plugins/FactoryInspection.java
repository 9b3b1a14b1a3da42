package dev.portier.drivers.plugins;

import dev.portier.plugin.api.Capability;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.ConfigProperty;
import dev.portier.plugin.api.DriverDescriptor;
import dev.portier.plugin.api.LockDriverFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Asks a freshly created factory what it is and checks its answers against the SPI's promises.
 * Runs on a driver worker (it calls plugin code); a broken promise is an {@link IllegalStateException}
 * whose message the Plugins page shows.
 */
final class FactoryInspection {

    private FactoryInspection() {
    }

    static LoadedDriverFactory inspect(String pluginId, String pluginVersion, LockDriverFactory factory) {
        String name = factory.getClass().getName();
        DriverDescriptor descriptor = factory.descriptor();
        if (descriptor == null) {
            throw new IllegalStateException("driver factory " + name + " has no descriptor");
        }
        Class<? extends LockDriver> driverType = factory.driverType();
        List<ConfigProperty> configuration = factory.configuration();
        if (driverType == null || configuration == null) {
            throw new IllegalStateException("driver " + descriptor.id() + " answers no driver type or no configuration");
        }
        // The capabilities are what the driver type implements: declared once, in its class.
        Set<Capability> capabilities = Capability.of(driverType);
        Set<String> keys = new HashSet<>();
        for (ConfigProperty property : configuration) {
            if (property == null || !keys.add(property.key())) {
                throw new IllegalStateException("driver " + descriptor.id() + " declares a configuration property twice or as null");
            }
        }
        return new LoadedDriverFactory(pluginId, pluginVersion, descriptor, capabilities, new ArrayList<>(configuration), factory);
    }
}
