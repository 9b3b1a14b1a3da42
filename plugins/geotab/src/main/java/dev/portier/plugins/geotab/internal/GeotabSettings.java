package dev.portier.plugins.geotab.internal;

import dev.portier.plugin.api.DriverConfiguration;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A Geotab connection's settings, read once: usable values or the sentence saying why they cannot
 * work (reported as a CONFIGURATION_ERROR status, never thrown).
 *
 * @param sandbox       whether the connection runs its own simulated Keyless Service on loopback
 * @param baseUrl       the Keyless Service's base URL (production); {@code null} in sandbox mode
 * @param database      the MyGeotab database (tenant) in {@code /api/tenants/{database}/…}
 * @param apiKey        sent as {@code Authorization: Bearer …}
 * @param webhookUrl    Portier's public notifications URL, given to the notification subscription
 * @param problem       why the settings cannot work, or {@code null}
 */
public record GeotabSettings(boolean sandbox, URI baseUrl, String database, String apiKey, URI webhookUrl, String problem) {

    public static final String MODE = "mode";
    public static final String BASE_URL = "baseUrl";
    public static final String DATABASE = "database";
    public static final String API_KEY = "apiKey";
    public static final String PUBLIC_BASE_URL = "publicBaseUrl";
    public static final String SANDBOX = "sandbox";
    public static final String PRODUCTION = "production";

    /** Where the host serves this plugin's webhook, below Portier's base URL. */
    public static final String NOTIFICATIONS_PATH = "/api/plugins/geotab/notifications";

    /** The webhook of a sandbox subscription: its simulator delivers to the loopback address of each run instead. */
    private static final URI SANDBOX_WEBHOOK = URI.create("http://127.0.0.1" + NOTIFICATIONS_PATH);

    public static GeotabSettings read(DriverConfiguration configuration) {
        String mode = configuration.text(MODE).orElse(SANDBOX);
        String database = configuration.text(DATABASE).orElse("").trim();
        String apiKey = configuration.text(API_KEY).orElse("");
        if (!mode.equals(SANDBOX) && !mode.equals(PRODUCTION)) {
            return invalid("The mode is sandbox or production, not " + mode + ".");
        }
        if (database.isEmpty() || !database.matches("[A-Za-z0-9_.-]{1,100}")) {
            return invalid("The database is the MyGeotab database name (letters, digits, _ . -), not \"" + database + "\".");
        }
        boolean sandbox = mode.equals(SANDBOX);
        if (sandbox) {
            String key = apiKey.isBlank() ? "sandbox-key" : apiKey;
            URI webhook = configuration.text(PUBLIC_BASE_URL).map(GeotabSettings::http).orElse(null);
            return new GeotabSettings(true, null, database, key,
                    webhook == null ? SANDBOX_WEBHOOK : notifications(webhook), null);
        }
        URI baseUrl = configuration.text(BASE_URL).map(GeotabSettings::http).orElse(null);
        if (baseUrl == null) {
            return invalid("Production mode needs the Keyless Service URL as an http:// or https:// address.");
        }
        if (apiKey.isBlank()) {
            return invalid("Production mode needs the Keyless Service API key.");
        }
        URI publicBase = configuration.text(PUBLIC_BASE_URL).map(GeotabSettings::http).orElse(null);
        if (publicBase == null) {
            return invalid("Production mode needs Portier's public base URL (http:// or https://), where Geotab "
                    + "delivers notifications to " + NOTIFICATIONS_PATH + ".");
        }
        return new GeotabSettings(false, trimmed(baseUrl), database, apiKey, notifications(publicBase), null);
    }

    private static URI http(String text) {
        try {
            URI uri = new URI(text.trim());
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            return web && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Keeps a path prefix of the base URL (Portier behind a proxy under /portier). */
    private static URI notifications(URI base) {
        return URI.create(trimmed(base) + NOTIFICATIONS_PATH);
    }

    private static URI trimmed(URI uri) {
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    private static GeotabSettings invalid(String problem) {
        return new GeotabSettings(false, null, null, null, null, problem);
    }

    public boolean usable() {
        return problem == null;
    }

    @Override
    public String toString() {
        // The API key is a secret: never in logs.
        return "GeotabSettings[" + (usable() ? (sandbox ? "sandbox" : baseUrl) + ", " + database : problem) + "]";
    }
}
