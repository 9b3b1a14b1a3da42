package dev.portier.drivers.plugins;

import com.google.inject.Singleton;
import dev.portier.plugin.api.Capability;
import dev.portier.plugin.api.LegacyEndpointRouting;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The registry of installed plugins and the driver factories of the started ones, by driver id.
 * {@link PluginHost} replaces its contents when plugins start and stop; readers get an immutable
 * snapshot and never call plugin code here. Thread-safe.
 */
@Singleton
public final class DriverFactories {

    private volatile List<InstalledPlugin> plugins = List.of();

    /** Every plugin jar found, in the order it was loaded. */
    public List<InstalledPlugin> plugins() {
        return plugins;
    }

    public Optional<InstalledPlugin> plugin(String pluginId) {
        return plugins.stream().filter(p -> p.id().equals(pluginId)).findFirst();
    }

    /** The factories of started plugins, by display name. */
    public List<LoadedDriverFactory> all() {
        return plugins.stream()
                .filter(p -> p.status() == PluginStatus.STARTED)
                .flatMap(p -> p.drivers().stream())
                .sorted(Comparator.comparing(f -> f.descriptor().displayName()))
                .toList();
    }

    /** A started plugin's factory by its descriptor id, e.g. {@code "geotab"}. */
    public Optional<LoadedDriverFactory> byId(String driverId) {
        return all().stream().filter(f -> f.id().equals(driverId)).findFirst();
    }

    /**
     * The deprecated routing of a started plugin's old, connection-less URLs: its factory that
     * implements {@link LegacyEndpointRouting}, if any (kept for one release; removed with SPI 3.0).
     */
    @SuppressWarnings("removal")
    public Optional<LegacyEndpointRouting> legacyRouting(String pluginId) {
        return plugin(pluginId)
                .filter(p -> p.status() == PluginStatus.STARTED)
                .flatMap(p -> p.drivers().stream()
                        .map(LoadedDriverFactory::factory)
                        .filter(LegacyEndpointRouting.class::isInstance)
                        .map(LegacyEndpointRouting.class::cast)
                        .findFirst());
    }

    void replace(List<InstalledPlugin> installed) {
        plugins = List.copyOf(installed);
    }
}
