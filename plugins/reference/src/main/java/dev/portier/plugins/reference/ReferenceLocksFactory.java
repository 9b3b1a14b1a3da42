package dev.portier.plugins.reference;

import dev.portier.plugin.api.ConfigProperty;
import dev.portier.plugin.api.ConfigType;
import dev.portier.plugin.api.ConfigValidation;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.DriverDescriptor;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.api.ValidationContext;
import dev.portier.plugins.reference.internal.ReferenceDriver;
import java.util.List;
import org.pf4j.Extension;

/**
 * Drivers for Portier's reference locks: offline locks that verify Portier-signed keys (COSE_Sign1,
 * Ed25519) by themselves and learn revocations from signed lists that phones carry. In sandbox mode a
 * connection simulates its locks and lets a newcomer register phones and tap them (and cards) at the locks.
 *
 * <p>The capabilities are those {@link ReferenceDriver} implements: {@code ENROLMENT}, {@code KEY_ISSUING}
 * (to devices and cards), {@code REVOCATION_LISTS} and {@code SANDBOX}. Stateless and thread-safe; nothing
 * here blocks or touches the network (there is no vendor to reach).
 */
@Extension
public final class ReferenceLocksFactory implements LockDriverFactory {

    /** The connection setting that chooses simulated locks ("sandbox") or real ones ("production"). */
    public static final String MODE = "mode";
    public static final String SANDBOX = "sandbox";
    public static final String PRODUCTION = "production";

    private static final DriverDescriptor DESCRIPTOR = new DriverDescriptor("reference", "Portier reference locks", "Portier",
            "Offline locks that check Portier-signed phone keys themselves and learn revocations from signed lists "
                    + "that phones carry. Sandbox mode simulates the locks and phones.");

    /** How many revoked keys a lock's list may hold: the lock's memory. */
    public static final String LIST_CAPACITY = "revocationListCapacity";
    public static final int DEFAULT_LIST_CAPACITY = 1000;
    public static final int MAX_LIST_CAPACITY = 100_000;

    /** The host key that signs new keys (and lists, unless a rotation is under way). */
    public static final String ISSUING_KEY = "issuingKey";
    public static final String DEFAULT_ISSUING_KEY = "issuing";
    /** During a rotation: the host key locks trust until they install a list naming the new one; it signs the lists. */
    public static final String PREVIOUS_ISSUING_KEY = "previousIssuingKey";
    /** Which keys demand that the phone verify its user (PIN, fingerprint) at every use. */
    public static final String USER_VERIFICATION = "userVerification";
    public static final String UV_NONE = "none";
    public static final String UV_ALL = "all";
    public static final String UV_IGNITION = "ignition";
    private static final java.util.regex.Pattern KEY_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,60}");

    private static final List<ConfigProperty> CONFIGURATION = List.of(ConfigProperty.choice(MODE, "Mode",
            "Sandbox simulates each enrolled lock and offers simulated phones; production enrols real locks by their public key.",
            List.of(SANDBOX, PRODUCTION)), ConfigProperty.optional(LIST_CAPACITY, ConfigType.INTEGER, "Revocation list capacity",
            "Revoked keys a lock's list holds (1 to " + MAX_LIST_CAPACITY + "). Beyond it, Portier moves the lock's watermark "
                    + "and re-issues the keys still valid.", String.valueOf(DEFAULT_LIST_CAPACITY)),
            ConfigProperty.optional(ISSUING_KEY, ConfigType.TEXT, "Issuing key",
                    "The name of the host key that signs keys. To rotate it, enter a new name here and the old one under "
                            + "previous issuing key.", DEFAULT_ISSUING_KEY),
            ConfigProperty.optional(PREVIOUS_ISSUING_KEY, ConfigType.TEXT, "Previous issuing key",
                    "During a rotation: the key locks trust now. It signs the revocation lists that teach locks the new key, "
                            + "and its keys open until they expire. Clear it once every lock has confirmed a list since the "
                            + "rotation.", null),
            new ConfigProperty(USER_VERIFICATION, ConfigType.CHOICE, "User verification",
                    "Keys whose phone must verify its user (PIN or fingerprint) at every use: none, all phone keys, or the "
                            + "keys that allow IGNITION. Cards cannot verify a user and get no key that asks for it.",
                    UV_NONE, false, false, List.of(UV_NONE, UV_ALL, UV_IGNITION)));

    @Override
    public DriverDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<ReferenceDriver> driverType() {
        return ReferenceDriver.class;
    }

    @Override
    public List<ConfigProperty> configuration() {
        return CONFIGURATION;
    }

    /**
     * The mode must be one of the two, and the list capacity a whole number in range. Nothing to reach:
     * the locks are offline, so this never blocks.
     */
    @Override
    public ConfigValidation validate(DriverConfiguration configuration, ValidationContext context) {
        ConfigValidation validation = ConfigValidation.ok();
        String mode = mode(configuration);
        if (!SANDBOX.equals(mode) && !PRODUCTION.equals(mode)) {
            validation = validation.withProblem(MODE, "Mode must be " + SANDBOX + " or " + PRODUCTION + ", not " + mode);
        }
        if (listCapacity(configuration) < 1) {
            validation = validation.withProblem(LIST_CAPACITY, "Revocation list capacity must be a whole number from 1 to "
                    + MAX_LIST_CAPACITY);
        }
        String issuing = issuingKey(configuration);
        if (!KEY_NAME.matcher(issuing).matches()) {
            validation = validation.withProblem(ISSUING_KEY, "A key name has 1 to 60 letters, digits, '.', '_' or '-'");
        }
        String previous = previousIssuingKey(configuration);
        if (previous != null && !KEY_NAME.matcher(previous).matches()) {
            validation = validation.withProblem(PREVIOUS_ISSUING_KEY, "A key name has 1 to 60 letters, digits, '.', '_' or '-'");
        } else if (issuing.equals(previous)) {
            validation = validation.withProblem(PREVIOUS_ISSUING_KEY, "The previous issuing key is another key than the issuing key");
        }
        String userVerification = userVerification(configuration);
        if (!List.of(UV_NONE, UV_ALL, UV_IGNITION).contains(userVerification)) {
            validation = validation.withProblem(USER_VERIFICATION, "User verification must be " + UV_NONE + ", " + UV_ALL + " or "
                    + UV_IGNITION);
        }
        return validation;
    }

    private static String mode(DriverConfiguration configuration) {
        return configuration.text(MODE).orElse(SANDBOX).strip();
    }

    private static String issuingKey(DriverConfiguration configuration) {
        String name = configuration.text(ISSUING_KEY).orElse("").strip();
        return name.isEmpty() ? DEFAULT_ISSUING_KEY : name;
    }

    private static String previousIssuingKey(DriverConfiguration configuration) {
        String name = configuration.text(PREVIOUS_ISSUING_KEY).orElse("").strip();
        return name.isEmpty() ? null : name;
    }

    private static String userVerification(DriverConfiguration configuration) {
        String value = configuration.text(USER_VERIFICATION).orElse("").strip();
        return value.isEmpty() ? UV_NONE : value;
    }

    private static int listCapacity(DriverConfiguration configuration) {
        String text = configuration.text(LIST_CAPACITY).orElse(String.valueOf(DEFAULT_LIST_CAPACITY)).strip();
        try {
            int capacity = Integer.parseInt(text);
            return capacity < 1 || capacity > MAX_LIST_CAPACITY ? -1 : capacity;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public LockDriver create(DriverConfiguration configuration, DriverContext context) {
        return new ReferenceDriver(mode(configuration), listCapacity(configuration), context,
                new ReferenceDriver.Issuing(issuingKey(configuration), previousIssuingKey(configuration), userVerification(configuration)));
    }
}
