package dev.portier.plugins.tapkey.internal;

import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.FieldProblem;
import dev.portier.plugins.tapkey.simulator.SandboxWorld;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A Tapkey connection's settings, read once: usable values, or the problem (naming its field) that says
 * why they cannot work — reported by {@code validate()} and as a CONFIGURATION_ERROR status, never thrown.
 * In sandbox mode the token and API URLs are those of the simulator the driver starts, and the client's
 * credentials default to the sandbox client's.
 *
 * @param sandbox        the connection runs its own simulated Tapkey on loopback
 * @param tokenUrl       the OAuth token endpoint (production)
 * @param baseUrl        the API base URL, ending in {@code /} (production)
 * @param clientId       the client-credentials client
 * @param clientSecret   its secret
 * @param scopes         the scopes asked for, space-separated when sent
 * @param ownerAccount   the owner account's id; empty until one is chosen
 * @param revokeVerb     {@code POST} (documented) or {@code PUT} (reported to work); 405 falls back to the other once
 * @param cardRemoval    how a card grant is withdrawn: revoked (revocation list) or deleted from the card
 */
public record TapkeySettings(boolean sandbox, URI tokenUrl, URI baseUrl, String clientId, String clientSecret, List<String> scopes,
        String ownerAccount, String revokeVerb, CardRemoval cardRemoval, FieldProblem problem) {

    public static final String MODE = "mode";
    public static final String SANDBOX = "sandbox";
    public static final String PRODUCTION = "production";
    public static final String CLIENT_ID = "clientId";
    public static final String CLIENT_SECRET = "clientSecret";
    public static final String TOKEN_URL = "loginUrl";
    public static final String SCOPES = "scopes";
    public static final String BASE_URL = "baseUrl";
    public static final String OWNER_ACCOUNT = "ownerAccount";
    public static final String REVOKE_VERB = "revokeVerb";
    public static final String CARD_REMOVAL = "cardGrantRemoval";

    public static final String DEFAULT_TOKEN_URL = "https://login.tapkey.com/connect/token";
    public static final String DEFAULT_BASE_URL = "https://my.tapkey.com/api/v1/";
    public static final String DEFAULT_SCOPES =
            "read:owneraccounts read:core:entities write:core:entities read:grants write:grants read:logs";
    public static final String REVOKE = "revoke";
    public static final String DELETE_FROM_CARD = "delete-from-card";

    /** How a card grant is withdrawn. */
    public enum CardRemoval {
        /** {@code …/Grants/{id}/Revoke}: the key enters the lock's revocation list, which phones carry to the lock. */
        REVOKE,
        /** {@code …/Grants/{id}/DeleteFromCard}: the key leaves the card at its next sync; no revocation list entry. */
        DELETE_FROM_CARD
    }

    public static TapkeySettings read(DriverConfiguration configuration) {
        String mode = configuration.text(MODE).orElse(SANDBOX);
        if (!mode.equals(SANDBOX) && !mode.equals(PRODUCTION)) {
            return invalid(MODE, "The mode is sandbox or production, not " + mode + ".");
        }
        boolean sandbox = mode.equals(SANDBOX);
        String clientId = configuration.text(CLIENT_ID).map(String::trim).orElse("");
        String clientSecret = configuration.text(CLIENT_SECRET).orElse("");
        String owner = configuration.text(OWNER_ACCOUNT).map(String::trim).orElse("");
        String verb = configuration.text(REVOKE_VERB).orElse("POST");
        if (!verb.equals("POST") && !verb.equals("PUT")) {
            return invalid(REVOKE_VERB, "Revocations are sent with POST or PUT, not " + verb + ".");
        }
        String removal = configuration.text(CARD_REMOVAL).orElse(REVOKE);
        if (!removal.equals(REVOKE) && !removal.equals(DELETE_FROM_CARD)) {
            return invalid(CARD_REMOVAL, "Card grants are removed by " + REVOKE + " or " + DELETE_FROM_CARD + ", not " + removal + ".");
        }
        Set<String> scopes = new LinkedHashSet<>(Arrays.asList(configuration.text(SCOPES).orElse(DEFAULT_SCOPES).trim().split("\\s+")));
        scopes.remove("");
        if (scopes.isEmpty()) {
            return invalid(SCOPES, "Name the scopes to ask for, separated by spaces, e.g. " + DEFAULT_SCOPES + ".");
        }
        URI tokenUrl = null;
        URI baseUrl = null;
        if (sandbox) {
            clientId = clientId.isEmpty() ? SandboxWorld.CLIENT_ID : clientId;
            clientSecret = clientSecret.isEmpty() ? SandboxWorld.CLIENT_SECRET : clientSecret;
        } else {
            tokenUrl = http(configuration.text(TOKEN_URL).orElse(DEFAULT_TOKEN_URL));
            if (tokenUrl == null) {
                return invalid(TOKEN_URL, "The token URL is an http:// or https:// address, e.g. " + DEFAULT_TOKEN_URL + ".");
            }
            baseUrl = http(configuration.text(BASE_URL).orElse(DEFAULT_BASE_URL));
            if (baseUrl == null) {
                return invalid(BASE_URL, "The API base URL is an http:// or https:// address, e.g. " + DEFAULT_BASE_URL + ".");
            }
            if (clientId.isEmpty()) {
                return invalid(CLIENT_ID, "Production mode needs the client id of a Tapkey client-credentials client.");
            }
            if (clientSecret.isEmpty()) {
                return invalid(CLIENT_SECRET, "Production mode needs the client secret of the Tapkey client.");
            }
        }
        return new TapkeySettings(sandbox, tokenUrl, slashed(baseUrl), clientId, clientSecret, List.copyOf(scopes), owner, verb,
                removal.equals(REVOKE) ? CardRemoval.REVOKE : CardRemoval.DELETE_FROM_CARD, null);
    }

    /** The same settings against a simulator at {@code url} (sandbox mode). */
    public TapkeySettings at(String url) {
        URI root = URI.create(url.endsWith("/") ? url : url + "/");
        return new TapkeySettings(sandbox, root.resolve("connect/token"), root.resolve("api/v1/"), clientId, clientSecret, scopes,
                ownerAccount, revokeVerb, cardRemoval, problem);
    }

    public boolean usable() {
        return problem == null;
    }

    /** The problem's sentence, or empty. */
    public String problemMessage() {
        return problem == null ? "" : problem.message();
    }

    private static URI http(String text) {
        try {
            URI uri = new URI(text.trim());
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            return web && uri.getHost() != null && uri.getQuery() == null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static URI slashed(URI uri) {
        if (uri == null) {
            return null;
        }
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text : text + "/");
    }

    private static TapkeySettings invalid(String key, String message) {
        return new TapkeySettings(false, null, null, null, null, List.of(), "", "POST", CardRemoval.REVOKE, new FieldProblem(key, message));
    }

    @Override
    public String toString() {
        // The client secret is a secret: never in logs.
        return "TapkeySettings[" + (usable() ? (sandbox ? "sandbox" : baseUrl) + ", client " + clientId + ", owner " + ownerAccount
                : problem.message()) + "]";
    }
}
