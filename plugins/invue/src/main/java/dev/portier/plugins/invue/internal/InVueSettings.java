package dev.portier.plugins.invue.internal;

import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.FieldProblem;
import dev.portier.plugins.invue.simulator.SandboxCa;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;

/**
 * An InVue connection's settings, read once: usable values, or the problem (naming its field) that says
 * why they cannot work — reported by {@code validate()} and as a CONFIGURATION_ERROR status, never thrown.
 * What changes with time (expiry) is judged by {@link TrustChain#validityAt}, not here.
 *
 * @param sandbox  the connection runs its own simulated LIVE Lock API (and CA) on loopback
 * @param baseUrl  the API's base URL (production), without trailing slash
 * @param apiKey   sent as {@code Authorization: Bearer …}
 * @param chain    InVue's root and the customer intermediate
 * @param owner    the certificate owner sent as {@code certificate} in {@code POST /v1/dlock}
 */
public record InVueSettings(boolean sandbox, URI baseUrl, String apiKey, TrustChain chain, String owner, FieldProblem problem) {

    public static final String MODE = "mode";
    public static final String SANDBOX = "sandbox";
    public static final String PRODUCTION = "production";
    public static final String API_KEY = "apiKey";
    public static final String BASE_URL = "baseUrl";
    public static final String DEFAULT_BASE_URL = "https://api.invue.com";
    public static final String INTERMEDIATE = TrustChain.INTERMEDIATE;
    public static final String ROOT = TrustChain.ROOT;
    public static final String OWNER = "certificateOwner";

    public static InVueSettings read(DriverConfiguration configuration) {
        String mode = configuration.text(MODE).orElse(SANDBOX);
        if (!mode.equals(SANDBOX) && !mode.equals(PRODUCTION)) {
            return invalid(MODE, "The mode is sandbox or production, not " + mode + ".");
        }
        boolean sandbox = mode.equals(SANDBOX);
        String apiKey = configuration.text(API_KEY).map(String::trim).orElse("");
        String rootPem = configuration.text(ROOT).orElse("");
        String intermediatePem = configuration.text(INTERMEDIATE).orElse("");
        URI baseUrl = null;
        if (sandbox) {
            apiKey = apiKey.isEmpty() ? SandboxCa.API_KEY : apiKey;
            rootPem = rootPem.isBlank() ? Pem.encode(SandboxCa.authority().root()) : rootPem;
            intermediatePem = intermediatePem.isBlank() ? Pem.encode(SandboxCa.intermediate().certificate()) : intermediatePem;
        } else {
            baseUrl = http(configuration.text(BASE_URL).orElse(DEFAULT_BASE_URL));
            if (baseUrl == null) {
                return invalid(BASE_URL, "The API base URL is an http:// or https:// address, e.g. " + DEFAULT_BASE_URL + ".");
            }
            if (apiKey.isEmpty()) {
                return invalid(API_KEY, "Production mode needs the API key InVue licensed to you.");
            }
            if (rootPem.isBlank()) {
                return invalid(ROOT, "Production mode needs InVue's root certificate (PEM).");
            }
            if (intermediatePem.isBlank()) {
                return invalid(INTERMEDIATE, "Production mode needs your customer intermediate certificate (PEM) from InVue.");
            }
        }
        TrustChain.Read read = TrustChain.read(rootPem, intermediatePem);
        if (read.problem() != null) {
            return new InVueSettings(sandbox, baseUrl, apiKey, null, null, read.problem());
        }
        TrustChain chain = read.chain();
        boolean sandboxRoot = Arrays.equals(Pem.der(chain.root()), Pem.der(SandboxCa.authority().root()));
        if (!sandbox && sandboxRoot) {
            return invalid(ROOT, "This is the sandbox root, whose keys are public: production needs InVue's root certificate.");
        }
        if (sandbox && !Arrays.equals(chain.intermediate().getPublicKey().getEncoded(),
                SandboxCa.intermediate().certificate().getPublicKey().getEncoded())) {
            return invalid(INTERMEDIATE, "In sandbox mode the simulator signs with the sandbox intermediate's key: leave both "
                    + "certificate fields empty, or paste the sandbox intermediate or a renewal of it (sandbox action).");
        }
        String owner = configuration.text(OWNER).map(String::trim).filter(text -> !text.isEmpty()).orElse(chain.owner());
        return new InVueSettings(sandbox, trimmed(baseUrl), apiKey, chain, owner, null);
    }

    public boolean usable() {
        return problem == null;
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

    private static URI trimmed(URI uri) {
        if (uri == null) {
            return null;
        }
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    private static InVueSettings invalid(String key, String message) {
        return new InVueSettings(false, null, null, null, null, new FieldProblem(key, message));
    }

    @Override
    public String toString() {
        // The API key is a secret: never in logs.
        return "InVueSettings[" + (usable() ? (sandbox ? "sandbox" : baseUrl) + ", owner " + owner : problem.message()) + "]";
    }
}
