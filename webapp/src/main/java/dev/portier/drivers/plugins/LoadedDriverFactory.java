package dev.portier.drivers.plugins;

import dev.portier.plugin.api.Capability;
import dev.portier.plugin.api.ConfigProperty;
import dev.portier.plugin.api.DriverDescriptor;
import dev.portier.plugin.api.LockDriverFactory;
import java.util.List;
import java.util.Set;

/**
 * A driver factory of a started plugin, with what it told the host when the plugin started (those
 * answers are constant by contract, so the host never asks again). Calls on {@link #factory()} are
 * plugin code: make them through {@link DriverCalls}.
 *
 * @param pluginId      the PF4J plugin id that provides it
 * @param pluginVersion that plugin's version
 */
public record LoadedDriverFactory(String pluginId, String pluginVersion, DriverDescriptor descriptor,
        Set<Capability> capabilities, List<ConfigProperty> configuration, LockDriverFactory factory) {

    public LoadedDriverFactory {
        capabilities = Set.copyOf(capabilities);
        configuration = List.copyOf(configuration);
    }

    public String id() {
        return descriptor.id();
    }
}
