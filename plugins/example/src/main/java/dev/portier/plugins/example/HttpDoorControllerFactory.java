package dev.portier.plugins.example;

import dev.portier.plugin.api.ConfigProperty;
import dev.portier.plugin.api.ConfigType;
import dev.portier.plugin.api.ConfigValidation;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.DriverDescriptor;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.api.ValidationContext;
import dev.portier.plugins.example.internal.ConnectionValidation;
import dev.portier.plugins.example.internal.DoorControllerDriver;
import dev.portier.plugins.example.internal.DoorControllerSettings;
import java.util.List;
import org.pf4j.Extension;

/**
 * Drivers for an HTTP door controller: a box on the site's network that locks and unlocks its doors,
 * keeps one numbered log for all of them, holds access rules per grant, enrols doors by serial number
 * and posts new log entries to Portier. The template for plugin authors (see
 * {@code docs/plugin-guide.md}): PF4J finds this class through {@code @Extension}; the host shares one
 * instance among all accounts, so it holds no connection state. The capabilities are the interfaces
 * {@link DoorControllerDriver} implements.
 */
@Extension
public final class HttpDoorControllerFactory implements LockDriverFactory {

    private static final DriverDescriptor DESCRIPTOR = new DriverDescriptor("example", "HTTP door controller (example)",
            "Example", "Locks and unlocks doors through an HTTP door controller, reads their log, keeps their access "
                    + "rules and enrols new doors. The template for writing a Portier plugin.");

    private static final List<ConfigProperty> CONFIGURATION = List.of(
            ConfigProperty.required(DoorControllerSettings.BASE_URL, ConfigType.URL, "Controller URL",
                    "The controller's address, e.g. https://doors.example.com/api"),
            ConfigProperty.secret(DoorControllerSettings.API_KEY, "API key",
                    "Sent as the X-Api-Key header, and expected on the controller's webhook; shown on its settings page."),
            ConfigProperty.optional(DoorControllerSettings.POLL_INTERVAL, ConfigType.INTEGER, "Poll interval (seconds)",
                    "How often Portier checks the controller and reads its log (5 to 3600).", "60"));

    @Override
    public DriverDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProperty> configuration() {
        return CONFIGURATION;
    }

    @Override
    public Class<? extends LockDriver> driverType() {
        return DoorControllerDriver.class;
    }

    @Override
    public ConfigValidation validate(DriverConfiguration configuration, ValidationContext context) {
        return ConnectionValidation.validate(configuration, context);
    }

    @Override
    public LockDriver create(DriverConfiguration configuration, DriverContext context) {
        // Only reads the settings: checking them against the controller is initialize()'s scheduled work.
        return new DoorControllerDriver(DoorControllerSettings.read(configuration), context);
    }
}
