package dev.portier.drivers.plugins;

import dev.portier.plugin.api.Capability;
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
        Set<Capability> capabilities = factory.capabilities();
        List<ConfigProperty> configuration = factory.configuration();
        if (capabilities == null || configuration == null) {
            throw new IllegalStateException("driver " + descriptor.id() + " answers no capabilities or no configuration");
        }
        for (Capability capability : capabilities) {
            if (capability.onFactory() && !capability.type().isInstance(factory)) {
                throw new IllegalStateException("driver " + descriptor.id() + " declares " + capability
                        + " but its factory does not implement " + capability.type().getSimpleName());
            }
        }
        Set<String> keys = new HashSet<>();
        for (ConfigProperty property : configuration) {
            if (property == null || !keys.add(property.key())) {
                throw new IllegalStateException("driver " + descriptor.id() + " declares a configuration property twice or as null");
            }
        }
        return new LoadedDriverFactory(pluginId, pluginVersion, descriptor, capabilities, new ArrayList<>(configuration), factory);
    }
}
