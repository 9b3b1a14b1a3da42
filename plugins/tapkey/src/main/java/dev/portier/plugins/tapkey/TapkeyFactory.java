package dev.portier.plugins.tapkey;

import dev.portier.plugin.api.ConfigProperty;
import dev.portier.plugin.api.ConfigType;
import dev.portier.plugin.api.ConfigValidation;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.DriverDescriptor;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.api.ValidationContext;
import dev.portier.plugins.tapkey.internal.ConnectionValidation;
import dev.portier.plugins.tapkey.internal.TapkeyDriver;
import dev.portier.plugins.tapkey.internal.TapkeySettings;
import java.util.List;
import org.pf4j.Extension;

/**
 * Drivers for Tapkey: Portier mirrors its grants into the customer's Tapkey owner account, and Tapkey
 * issues the phone and card keys. A connection is an OAuth client-credentials client that co-administers
 * one owner account; its bound locks are discovered, people become contacts by email and cards map to
 * bound cards, grants become Tapkey grants with iCal time restrictions, revocations are followed to the
 * locks' revocation lists, and lock logs are pulled by arrival. A connection in sandbox mode runs its own
 * simulated Tapkey. Shared by every account; stateless.
 */
@Extension
public final class TapkeyFactory implements LockDriverFactory {

    private static final DriverDescriptor DESCRIPTOR = new DriverDescriptor("tapkey", "Tapkey", "Tapkey",
            "Phone and card keys issued by Tapkey: Portier imports the owner account's bound locks and mirrors its grants "
                    + "(with weekly time restrictions) as Tapkey grants for contacts and cards.");

    private static final List<ConfigProperty> CONFIGURATION = List.of(
            ConfigProperty.choice(TapkeySettings.MODE, "Mode", "Sandbox runs a simulated Tapkey inside Portier (no Tapkey account "
                    + "needed); production talks to Tapkey.", List.of(TapkeySettings.SANDBOX, TapkeySettings.PRODUCTION)),
            ConfigProperty.optional(TapkeySettings.CLIENT_ID, ConfigType.TEXT, "Client id", "Production: the id of a Tapkey "
                    + "client-credentials client (Tapkey developer portal). Sandbox: optional.", null),
            new ConfigProperty(TapkeySettings.CLIENT_SECRET, ConfigType.TEXT, "Client secret", "Production: the client's secret.",
                    null, false, true, List.of()),
            ConfigProperty.optional(TapkeySettings.OWNER_ACCOUNT, ConfigType.TEXT, "Owner account", "The owner account whose locks "
                    + "Portier manages. Validate to choose among those the client co-administers.", null),
            ConfigProperty.optional(TapkeySettings.TOKEN_URL, ConfigType.URL, "Token URL", "Tapkey's OAuth token endpoint.",
                    TapkeySettings.DEFAULT_TOKEN_URL),
            ConfigProperty.optional(TapkeySettings.BASE_URL, ConfigType.URL, "API base URL", "Tapkey's Web API.",
                    TapkeySettings.DEFAULT_BASE_URL),
            ConfigProperty.optional(TapkeySettings.SCOPES, ConfigType.TEXT, "Scopes", "The OAuth scopes asked for, separated by "
                    + "spaces.", TapkeySettings.DEFAULT_SCOPES),
            new ConfigProperty(TapkeySettings.REVOKE_VERB, ConfigType.CHOICE, "Revoke with", "Tapkey documents POST …/Revoke; "
                    + "PUT was reported to work where POST was refused. A 405 answer tries the other verb once.", "POST", true, false,
                    List.of("POST", "PUT")),
            new ConfigProperty(TapkeySettings.CARD_REMOVAL, ConfigType.CHOICE, "Withdrawing card grants", "revoke: the key enters "
                    + "the lock's revocation list, which phones carry to the lock (also stops a lost card). delete-from-card: "
                    + "the key leaves the card at its next sync, no revocation list entry (only when cards stay with their holders).",
                    TapkeySettings.REVOKE, true, false, List.of(TapkeySettings.REVOKE, TapkeySettings.DELETE_FROM_CARD)));

    private final TapkeyDriver.Tuning tuning;

    public TapkeyFactory() {
        this(TapkeyDriver.Tuning.DEFAULT);
    }

    /** With other waits and page sizes (tests). */
    public TapkeyFactory(TapkeyDriver.Tuning tuning) {
        this.tuning = tuning;
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
        return TapkeyDriver.class;
    }

    @Override
    public ConfigValidation validate(DriverConfiguration configuration, ValidationContext context) {
        return ConnectionValidation.validate(configuration, context);
    }

    @Override
    public LockDriver create(DriverConfiguration configuration, DriverContext context) {
        return new TapkeyDriver(TapkeySettings.read(configuration), context, tuning);
    }
}
