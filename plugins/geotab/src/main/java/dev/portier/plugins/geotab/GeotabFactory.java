package dev.portier.plugins.geotab;

import dev.portier.plugin.api.Capability;
import dev.portier.plugin.api.ConfigProperty;
import dev.portier.plugin.api.ConfigType;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.DriverDescriptor;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.api.PluginHttpEndpoints;
import dev.portier.plugins.geotab.internal.GeotabDriver;
import dev.portier.plugins.geotab.internal.GeotabSettings;
import dev.portier.plugins.geotab.simulator.WebhookCourier;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Drivers for Geotab Keyless vehicles (GO device with IOX-Keyless and an NFC reader): reservations as
 * stored virtual keys, commands, and the notifications webhook at
 * {@code /api/plugins/geotab/notifications}, where CheckIn requests from unknown cards are decided by
 * Portier. A connection in sandbox mode runs its own simulated Keyless Service and offers sandbox
 * actions. Shared by every account; holds no connection state.
 */
@Extension
public final class GeotabFactory implements LockDriverFactory, PluginHttpEndpoints {

    private static final DriverDescriptor DESCRIPTOR = new DriverDescriptor("geotab", "Geotab Keyless (NFC)", "Geotab",
            "Keyless vehicle access with Geotab GO devices and NFC tap cards: reservations become stored virtual keys, "
                    + "check-in requests from unknown cards are decided by Portier.");

    private static final List<ConfigProperty> CONFIGURATION = List.of(
            ConfigProperty.choice(GeotabSettings.MODE, "Mode", "Sandbox runs a simulated Keyless Service inside Portier, "
                    + "to try the integration without vehicles; production talks to Geotab.",
                    List.of(GeotabSettings.SANDBOX, GeotabSettings.PRODUCTION)),
            ConfigProperty.required(GeotabSettings.DATABASE, ConfigType.TEXT, "Database",
                    "The MyGeotab database (tenant) of the vehicles, as in /api/tenants/{database}/…"),
            ConfigProperty.optional(GeotabSettings.BASE_URL, ConfigType.URL, "Keyless Service URL",
                    "Production: the Keyless Service API address given by Geotab.", null),
            new ConfigProperty(GeotabSettings.API_KEY, ConfigType.TEXT, "API key",
                    "Production: the Keyless Service API key, sent as a bearer token.", null, false, true, List.of()),
            ConfigProperty.optional(GeotabSettings.PUBLIC_BASE_URL, ConfigType.URL, "Portier's public URL",
                    "Production: where Geotab reaches this Portier, e.g. https://access.example.com; notifications go to "
                            + GeotabSettings.NOTIFICATIONS_PATH + " below it.", null));

    private static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(Capability.RESERVATIONS,
            Capability.REMOTE_COMMANDS, Capability.HTTP_ENDPOINTS, Capability.SANDBOX));

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
        return new GeotabDriver(GeotabSettings.read(configuration), context);
    }

    /**
     * {@code POST /notifications}: the connection whose security token the request presents (compared
     * in constant time with every connection's, so timing reveals none) handles it; otherwise 401.
     */
    @Override
    public PluginHttpResponse handle(PluginHttpRequest request, List<PluginConnection> connections) {
        if (!request.path().equals("/notifications")) {
            return PluginHttpResponse.json(404, "{\"error\":\"Geotab serves /notifications only\"}");
        }
        if (!request.method().equals("POST")) {
            return new PluginHttpResponse(405, "application/json",
                    "{\"error\":\"Notifications are POSTed\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Map.of("Allow", "POST"));
        }
        String token = request.header(WebhookCourier.TOKEN_HEADER);
        GeotabDriver accepted = null;
        for (PluginConnection connection : connections) {
            if (connection.driver() instanceof GeotabDriver driver && driver.acceptsToken(token) && accepted == null) {
                accepted = driver;
            }
        }
        if (accepted == null) {
            return PluginHttpResponse.json(401, "{\"error\":\"The security token was not accepted\"}");
        }
        return accepted.notification(request.body());
    }
}
