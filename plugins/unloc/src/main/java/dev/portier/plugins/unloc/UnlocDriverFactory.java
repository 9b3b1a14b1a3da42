package dev.portier.plugins.unloc;

import dev.portier.plugin.api.Capability;
import dev.portier.plugin.api.ConfigProperty;
import dev.portier.plugin.api.ConfigType;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.DriverDescriptor;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.api.PluginHttpEndpoints;
import dev.portier.plugins.unloc.internal.CheckAccess;
import dev.portier.plugins.unloc.internal.UnlocDriver;
import dev.portier.plugins.unloc.internal.UnlocSettings;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Unloc "On Demand Keys": when an Unloc app user scans a lock's NFC sticker without a key, the Unloc
 * platform asks Portier's {@code GET /api/plugins/unloc/check-access} whether to create one, and
 * Portier's grants decide. One factory serves every account's Unloc connection; the API header sent
 * by Unloc tells which connection a request is for.
 */
@Extension
public final class UnlocDriverFactory implements LockDriverFactory, PluginHttpEndpoints {

    private static final DriverDescriptor DESCRIPTOR = new DriverDescriptor("unloc", "Unloc On Demand Keys", "Unloc",
            "Answers the Unloc platform's check-access requests from Portier's grants, so Unloc app users get a "
                    + "temporary key when they scan a lock's NFC sticker.");

    private static final List<ConfigProperty> CONFIGURATION = List.of(
            new ConfigProperty(UnlocSettings.HEADER_NAME, ConfigType.TEXT, "API header name",
                    "The header name entered in the Unloc project's On Demand Keys settings.", UnlocSettings.DEFAULT_HEADER,
                    true, false, List.of()),
            ConfigProperty.secret(UnlocSettings.API_KEY, "API key",
                    "The key entered in the Unloc project (at least " + UnlocSettings.MIN_KEY_LENGTH
                            + " characters); it tells Portier which connection Unloc asks for."),
            ConfigProperty.choice(UnlocSettings.MODE, "Mode",
                    "Sandbox offers the Unloc simulator on the Sandbox page; production does not.",
                    List.of(UnlocSettings.SANDBOX, UnlocSettings.PRODUCTION)));

    private static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(Capability.HTTP_ENDPOINTS, Capability.SANDBOX));

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
        return new UnlocDriver(UnlocSettings.read(configuration), context);
    }

    @Override
    public PluginHttpResponse handle(PluginHttpRequest request, List<PluginConnection> connections) {
        return CheckAccess.handle(request, connections);
    }
}
