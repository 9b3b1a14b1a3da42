package dev.portier.plugins.geotab;

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
import dev.portier.plugins.geotab.internal.ConnectionValidation;
import dev.portier.plugins.geotab.internal.GeotabDriver;
import dev.portier.plugins.geotab.internal.GeotabSettings;
import dev.portier.plugins.geotab.internal.LiveDrivers;
import dev.portier.plugins.geotab.simulator.WebhookCourier;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Drivers for Geotab Keyless vehicles (GO device with IOX-Keyless and an NFC reader): reservations as
 * stored virtual keys, commands, vehicle health, and the notifications webhook of each connection at
 * {@code /api/plugins/geotab/connections/{connectionId}/notifications}, where CheckIn requests from
 * unknown cards are decided by Portier. A connection in sandbox mode runs its own simulated Keyless
 * Service and offers sandbox actions. The capabilities are the interfaces {@link GeotabDriver}
 * implements.
 *
 * <p>Shared by every account. Its only state is which drivers run, so that notifications still
 * arriving at the SPI 1.x URL {@code /api/plugins/geotab/notifications} (which names no connection)
 * reach the connection whose security token they carry, for one more release.
 */
@Extension
@SuppressWarnings("removal") // LegacyEndpointRouting: the 1.x webhook URL is served until SPI 3.0.
public final class GeotabFactory implements LockDriverFactory, LegacyEndpointRouting {

    private static final DriverDescriptor DESCRIPTOR = new DriverDescriptor("geotab", "Geotab Keyless (NFC)", "Geotab",
            "Keyless vehicle access with Geotab GO devices and NFC tap cards: reservations become stored virtual keys, "
                    + "check-in requests from unknown cards are decided by Portier.");

    private static final List<ConfigProperty> CONFIGURATION = List.of(
            ConfigProperty.choice(GeotabSettings.MODE, "Mode", "Sandbox runs a simulated Keyless Service inside Portier, "
                    + "to try the integration without vehicles; production talks to Geotab.",
                    List.of(GeotabSettings.SANDBOX, GeotabSettings.PRODUCTION)),
            ConfigProperty.required(GeotabSettings.DATABASE, ConfigType.TEXT, "Database",
                    "The MyGeotab database (tenant) of the vehicles, as in /api/tenants/{database}/…")
                    .shownWhen(GeotabSettings.MODE, GeotabSettings.PRODUCTION),
            ConfigProperty.optional(GeotabSettings.BASE_URL, ConfigType.URL, "Keyless Service URL",
                    "The Keyless Service API address given by Geotab.", null)
                    .shownWhen(GeotabSettings.MODE, GeotabSettings.PRODUCTION),
            new ConfigProperty(GeotabSettings.API_KEY, ConfigType.TEXT, "API key",
                    "The Keyless Service API key, sent as a bearer token.", null, false, true, List.of())
                    .shownWhen(GeotabSettings.MODE, GeotabSettings.PRODUCTION),
            ConfigProperty.optional(GeotabSettings.PUBLIC_BASE_URL, ConfigType.URL, "Portier's public URL",
                    "Where Geotab reaches this Portier, e.g. https://access.example.com; notifications go to "
                            + GeotabSettings.PLUGIN_PATH + "/connections/{connectionId}" + GeotabSettings.NOTIFICATIONS
                            + " below it.", null)
                    .shownWhen(GeotabSettings.MODE, GeotabSettings.PRODUCTION));

    private final LiveDrivers live = new LiveDrivers();

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
        return GeotabDriver.class;
    }

    @Override
    public ConfigValidation validate(DriverConfiguration configuration, ValidationContext context) {
        return ConnectionValidation.validate(configuration, context);
    }

    @Override
    public LockDriver create(DriverConfiguration configuration, DriverContext context) {
        return new GeotabDriver(GeotabSettings.read(configuration), context, live);
    }

    /**
     * {@code POST /api/plugins/geotab/notifications} (SPI 1.x): the running connection whose security
     * token the request presents. Every listed connection's token is compared, in constant time over
     * SHA-256 digests, so timing reveals none; no match (or another path) is empty, which the host
     * answers with 404.
     */
    @Override
    public Optional<String> route(PluginHttpRequest request, List<ConnectionSettings> connections) {
        if (!request.path().equals(GeotabSettings.NOTIFICATIONS) || !request.method().equals("POST")) {
            return Optional.empty();
        }
        String token = request.header(WebhookCourier.TOKEN_HEADER);
        String accepted = null;
        for (ConnectionSettings connection : connections) {
            boolean match = live.of(connection.connectionId()).map(driver -> driver.acceptsToken(token)).orElse(false);
            if (match && accepted == null) {
                accepted = connection.connectionId();
            }
        }
        return Optional.ofNullable(accepted);
    }
}
