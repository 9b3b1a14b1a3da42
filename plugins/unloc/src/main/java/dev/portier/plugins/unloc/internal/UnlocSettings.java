package dev.portier.plugins.unloc.internal;

import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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

    // RFC 9110 token characters; 64 is far more than any real header name needs.
    private static final String HEADER_SYNTAX = "[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}";
    // HTTP framing and routing headers: a key sent in one of them would never arrive as sent.
    private static final Set<String> RESERVED = Set.of("host", "content-length", "content-type", "transfer-encoding",
            "connection", "cookie", "accept", "user-agent", "expect", "te", "upgrade");

    /** The settings, or why they cannot work (a sentence for the connection's status). */
    public static Parsed read(DriverConfiguration configuration) {
        List<FieldProblem> problems = problems(configuration);
        if (!problems.isEmpty()) {
            return new Parsed(Optional.empty(), problems.stream().map(FieldProblem::message).collect(Collectors.joining("; ")));
        }
        return new Parsed(Optional.of(new UnlocSettings(headerName(configuration), configuration.text(API_KEY).orElseThrow(),
                mode(configuration).equals(SANDBOX))), null);
    }

    /** Everything wrong with the settings, each on its field; empty when they work. */
    public static List<FieldProblem> problems(DriverConfiguration configuration) {
        List<FieldProblem> problems = new ArrayList<>();
        String header = headerName(configuration);
        if (!header.matches(HEADER_SYNTAX)) {
            problems.add(new FieldProblem(HEADER_NAME, "The API header name must be an HTTP header name of at most 64 "
                    + "characters (letters, digits and - only is safest), was '" + header + "'"));
        } else if (RESERVED.contains(header.toLowerCase(Locale.ROOT))) {
            problems.add(new FieldProblem(HEADER_NAME, "The API header name " + header
                    + " is used by HTTP itself; choose another, e.g. " + DEFAULT_HEADER));
        }
        // Never quote the key: problems are shown and logged.
        String key = configuration.text(API_KEY).orElse("");
        if (key.length() < MIN_KEY_LENGTH) {
            problems.add(new FieldProblem(API_KEY, "The API key must have at least " + MIN_KEY_LENGTH + " characters"));
        }
        if (!key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            problems.add(new FieldProblem(API_KEY,
                    "The API key must be printable ASCII without spaces: HTTP headers carry nothing else reliably"));
        }
        String mode = mode(configuration);
        if (!mode.equals(SANDBOX) && !mode.equals(PRODUCTION)) {
            problems.add(new FieldProblem(MODE, "The mode must be " + SANDBOX + " or " + PRODUCTION + ", was '" + mode + "'"));
        }
        return problems;
    }

    private static String headerName(DriverConfiguration configuration) {
        return configuration.text(HEADER_NAME).orElse(DEFAULT_HEADER).strip();
    }

    private static String mode(DriverConfiguration configuration) {
        return configuration.text(MODE).orElse(SANDBOX);
    }

    @Override
    public String toString() {
        return "UnlocSettings[header=" + headerName + ", sandbox=" + sandbox + "]";
    }

    /** Either settings or the problem with them. */
    public record Parsed(Optional<UnlocSettings> settings, String problem) {
    }
}
