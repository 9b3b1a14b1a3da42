package dev.portier.plugins.unloc;

import dev.portier.plugin.api.ConfigProperty;
import dev.portier.plugin.api.ConfigType;
import dev.portier.plugin.api.ConfigValidation;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.DriverDescriptor;
import dev.portier.plugin.api.LegacyEndpointRouting;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpRequest;
import dev.portier.plugin.api.ValidationContext;
import dev.portier.plugins.unloc.internal.LegacyRoute;
import dev.portier.plugins.unloc.internal.UnlocDriver;
import dev.portier.plugins.unloc.internal.UnlocSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Unloc "On Demand Keys": when an Unloc app user scans a lock's NFC sticker without a key, the Unloc
 * platform asks Portier's {@code GET /api/plugins/unloc/connections/{connectionId}/check-access}
 * whether to create one, and Portier's grants decide. The capabilities are the interfaces
 * {@link UnlocDriver} implements: HTTP endpoints (check-access) and sandbox actions (the Unloc
 * simulator).
 *
 * <p>For one release the SPI 1.x URL {@code /api/plugins/unloc/check-access}, which names no
 * connection, keeps working: as {@link LegacyEndpointRouting} this factory picks the connection whose
 * API key the request carries. Shared by every account; holds no connection state.
 */
@Extension
@SuppressWarnings("removal") // LegacyEndpointRouting, until SPI 3.0 removes it
public final class UnlocDriverFactory implements LockDriverFactory, LegacyEndpointRouting {

    private static final DriverDescriptor DESCRIPTOR = new DriverDescriptor("unloc", "Unloc On Demand Keys", "Unloc",
            "Answers the Unloc platform's check-access requests from Portier's grants, so Unloc app users get a "
                    + "temporary key when they scan a lock's NFC sticker.");

    private static final List<ConfigProperty> CONFIGURATION = List.of(
            new ConfigProperty(UnlocSettings.HEADER_NAME, ConfigType.TEXT, "API header name",
                    "The header name entered in the Unloc project's On Demand Keys settings.", UnlocSettings.DEFAULT_HEADER,
                    true, false, List.of()),
            ConfigProperty.secret(UnlocSettings.API_KEY, "API key",
                    "The key entered in the Unloc project (at least " + UnlocSettings.MIN_KEY_LENGTH
                            + " printable characters); Unloc sends it with every request. Give each connection its own."),
            ConfigProperty.choice(UnlocSettings.MODE, "Mode",
                    "Sandbox offers the Unloc simulator on the Sandbox page; production does not.",
                    List.of(UnlocSettings.SANDBOX, UnlocSettings.PRODUCTION)));

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
        return UnlocDriver.class;
    }

    /** Checks the settings alone: Unloc calls Portier, so there is nobody to ask. Never blocks. */
    @Override
    public ConfigValidation validate(DriverConfiguration configuration, ValidationContext context) {
        return new ConfigValidation(UnlocSettings.problems(configuration), Map.of(), List.of());
    }

    @Override
    public LockDriver create(DriverConfiguration configuration, DriverContext context) {
        return new UnlocDriver(UnlocSettings.read(configuration), context);
    }

    /**
     * The connection whose API header carries its API key; empty when none does or when the key is
     * configured on more than one connection (the host then answers the request itself).
     */
    @Override
    public Optional<String> route(PluginHttpRequest request, List<ConnectionSettings> connections) {
        Map<String, DriverConfiguration> byId = new LinkedHashMap<>();
        connections.forEach(connection -> byId.put(connection.connectionId(), connection.configuration()));
        return LegacyRoute.of(request, byId);
    }
}
