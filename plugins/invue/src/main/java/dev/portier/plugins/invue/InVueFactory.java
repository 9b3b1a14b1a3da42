package dev.portier.plugins.invue;

import dev.portier.plugin.api.ConfigProperty;
import dev.portier.plugin.api.ConfigType;
import dev.portier.plugin.api.ConfigValidation;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.DriverDescriptor;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.api.ValidationContext;
import dev.portier.plugins.invue.internal.ConnectionValidation;
import dev.portier.plugins.invue.internal.InVueDriver;
import dev.portier.plugins.invue.internal.InVueSettings;
import java.time.Duration;
import java.util.List;
import org.pf4j.Extension;

/**
 * Drivers for InVue LIVE Locks: a lock is enrolled by the provisioning code a phone reads from it
 * ({@code POST /v1/dlock}, once per serial), which answers the lock's key certificate; phones get the
 * customer intermediate and the key certificates of the locks they hold a grant for. A connection in
 * sandbox mode runs a simulated LIVE Lock API, CA and locks. Shared by every account; stateless.
 */
@Extension
public final class InVueFactory implements LockDriverFactory {

    /** Below the host's 10 s call limit, so a hanging InVue is recorded as an unknown outcome by the driver itself. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(8);

    private static final DriverDescriptor DESCRIPTOR = new DriverDescriptor("invue", "InVue LIVE Lock", "InVue",
            "LIVE Locks enrolled by provisioning code; key certificates per lock and your customer intermediate certificate "
                    + "are served to the phones of people with a grant.");

    private static final List<ConfigProperty> CONFIGURATION = List.of(
            ConfigProperty.choice(InVueSettings.MODE, "Mode", "Sandbox runs a simulated LIVE Lock API, CA and locks inside "
                    + "Portier (no InVue licence needed); production talks to InVue.",
                    List.of(InVueSettings.SANDBOX, InVueSettings.PRODUCTION)),
            new ConfigProperty(InVueSettings.API_KEY, ConfigType.TEXT, "API key", "The API key InVue licensed to "
                    + "you, sent as a bearer token.", null, false, true, List.of())
                    .shownWhen(InVueSettings.MODE, InVueSettings.PRODUCTION),
            ConfigProperty.optional(InVueSettings.BASE_URL, ConfigType.URL, "API base URL",
                    "The LIVE Lock API's address.", InVueSettings.DEFAULT_BASE_URL)
                    .shownWhen(InVueSettings.MODE, InVueSettings.PRODUCTION),
            new ConfigProperty(InVueSettings.INTERMEDIATE, ConfigType.MULTILINE, "Customer intermediate certificate (PEM)",
                    "The certificate InVue issued to you, signed by InVue's root. Upload the renewed one here before it "
                            + "expires.", null, false, false, List.of())
                    .shownWhen(InVueSettings.MODE, InVueSettings.PRODUCTION),
            new ConfigProperty(InVueSettings.ROOT, ConfigType.MULTILINE, "InVue root certificate (PEM)",
                    "The root your intermediate chains to.", null, false, false, List.of())
                    .shownWhen(InVueSettings.MODE, InVueSettings.PRODUCTION),
            ConfigProperty.optional(InVueSettings.OWNER, ConfigType.TEXT, "Certificate owner",
                    "The owner name of your intermediate sent with each enrolment; empty: the intermediate's common name.", null));

    private final Duration requestTimeout;

    public InVueFactory() {
        this(REQUEST_TIMEOUT);
    }

    /** With another time limit for InVue's answers (tests). */
    public InVueFactory(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

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
        return InVueDriver.class;
    }

    @Override
    public ConfigValidation validate(DriverConfiguration configuration, ValidationContext context) {
        return ConnectionValidation.validate(configuration, context);
    }

    @Override
    public LockDriver create(DriverConfiguration configuration, DriverContext context) {
        return new InVueDriver(InVueSettings.read(configuration), context, requestTimeout);
    }
}
