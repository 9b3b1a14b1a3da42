package dev.portier.drivers.plugins;

import java.util.List;
import java.util.Optional;

/**
 * One plugin jar the host found, whatever became of it.
 *
 * @param id       the plugin's {@code Plugin-Id}, or the jar's file name when its manifest could not be read
 * @param version  {@code Plugin-Version}, empty when unknown
 * @param provider {@code Plugin-Provider}, empty when not given
 * @param requires {@code Plugin-Requires}, the plugin API versions it works with
 * @param source   the jar it came from
 * @param status   started, failed, disabled or incompatible
 * @param problem  why it is not started, for the operator; empty when started
 * @param drivers  the driver factories it offers (none unless started)
 */
public record InstalledPlugin(String id, String version, String provider, String requires, String source,
        PluginStatus status, Optional<String> problem, List<LoadedDriverFactory> drivers) {

    public InstalledPlugin {
        drivers = List.copyOf(drivers);
    }

    static InstalledPlugin notStarted(String id, String version, String provider, String requires, String source,
            PluginStatus status, String problem) {
        return new InstalledPlugin(id, version, provider, requires, source, status, Optional.ofNullable(problem), List.of());
    }
}
