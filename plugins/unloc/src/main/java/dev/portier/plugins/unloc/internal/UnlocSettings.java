package dev.portier.plugins.unloc.internal;

import dev.portier.plugin.api.DriverConfiguration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One Unloc connection's settings: the API header and key that the Unloc platform sends with every
 * check-access request (configured on both sides), and whether the connection is a sandbox.
 *
 * @param headerName the header's name as configured, e.g. {@code X-Api-Key}
 * @param apiKey     the key Unloc sends in that header
 * @param sandbox    whether the sandbox actions (the Unloc simulator) are offered
 */
public record UnlocSettings(String headerName, String apiKey, boolean sandbox) {

    public static final String HEADER_NAME = "apiHeader";
    public static final String API_KEY = "apiKey";
    public static final String MODE = "mode";
    public static final String SANDBOX = "sandbox";
    public static final String PRODUCTION = "production";
    public static final String DEFAULT_HEADER = "X-Api-Key";
    /** Shorter keys could be guessed by trying; Unloc lets the integrator pick any length. */
    public static final int MIN_KEY_LENGTH = 16;

    // HTTP framing and routing headers: a key sent in one of them would never arrive as sent.
    private static final Set<String> RESERVED = Set.of("host", "content-length", "content-type", "transfer-encoding",
            "connection", "cookie", "accept", "user-agent", "expect", "te", "upgrade");

    /** The settings, or why they cannot work (a sentence for the connection's status). */
    public static Parsed read(DriverConfiguration configuration) {
        String header = configuration.text(HEADER_NAME).orElse(DEFAULT_HEADER).strip();
        String key = configuration.text(API_KEY).orElse("");
        String mode = configuration.text(MODE).orElse(SANDBOX);
        if (!header.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}")) {
            return Parsed.problem("The API header name must be an HTTP header name (letters, digits and - only is safest), was '"
                    + header + "'");
        }
        if (RESERVED.contains(header.toLowerCase(Locale.ROOT))) {
            return Parsed.problem("The API header name " + header + " is used by HTTP itself; choose another, e.g. "
                    + DEFAULT_HEADER);
        }
        if (key.length() < MIN_KEY_LENGTH) {
            return Parsed.problem("The API key must have at least " + MIN_KEY_LENGTH + " characters");
        }
        if (!key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return Parsed.problem("The API key must be printable ASCII without spaces: HTTP headers carry nothing else reliably");
        }
        if (!mode.equals(SANDBOX) && !mode.equals(PRODUCTION)) {
            return Parsed.problem("The mode must be " + SANDBOX + " or " + PRODUCTION + ", was '" + mode + "'");
        }
        return new Parsed(Optional.of(new UnlocSettings(header, key, mode.equals(SANDBOX))), null);
    }

    @Override
    public String toString() {
        return "UnlocSettings[header=" + headerName + ", sandbox=" + sandbox + "]";
    }

    /** Either settings or the problem with them. */
    public record Parsed(Optional<UnlocSettings> settings, String problem) {
        static Parsed problem(String problem) {
            return new Parsed(Optional.empty(), problem);
        }
    }
}
