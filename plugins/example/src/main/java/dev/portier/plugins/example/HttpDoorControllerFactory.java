package dev.portier.plugins.example;

import dev.portier.plugin.api.Capability;
import dev.portier.plugin.api.ConfigProperty;
import dev.portier.plugin.api.ConfigType;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.DriverDescriptor;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugins.example.internal.DoorControllerDriver;
import dev.portier.plugins.example.internal.DoorControllerSettings;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Drivers for an HTTP door controller: a box on the site's network that locks and unlocks its doors
 * on request and keeps a numbered log per door. The template for plugin authors (see
 * {@code docs/plugin-guide.md}): PF4J finds this class through {@code @Extension}; the host shares
 * one instance among all accounts, so it holds no connection state.
 */
@Extension
public final class HttpDoorControllerFactory implements LockDriverFactory {

    private static final DriverDescriptor DESCRIPTOR = new DriverDescriptor("example", "HTTP door controller (example)",
            "Example", "Locks and unlocks doors through an HTTP door controller and reads their logs. "
                    + "The template for writing a Portier plugin.");

    private static final List<ConfigProperty> CONFIGURATION = List.of(
            ConfigProperty.required(DoorControllerSettings.BASE_URL, ConfigType.URL, "Controller URL",
                    "The controller's address, e.g. https://doors.example.com/api"),
            ConfigProperty.secret(DoorControllerSettings.API_KEY, "API key",
                    "Sent as the X-Api-Key header; shown on the controller's settings page."),
            ConfigProperty.optional(DoorControllerSettings.POLL_INTERVAL, ConfigType.INTEGER, "Poll interval (seconds)",
                    "How often Portier checks that the controller answers (5 to 3600).", "60"));

    private static final Set<Capability> CAPABILITIES =
            Set.copyOf(EnumSet.of(Capability.REMOTE_COMMANDS, Capability.EVENT_PULLING));

    @Override
    public DriverDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public List<ConfigProperty> configuration() {
        return CONFIGURATION;
    }

    @Override
    public LockDriver create(DriverConfiguration configuration, DriverContext context) {
        // Only reads the settings: checking them against the controller is initialize()'s scheduled work.
        return new DoorControllerDriver(DoorControllerSettings.read(configuration), context);
    }
}
