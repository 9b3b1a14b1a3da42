package dev.portier.plugins.geotab.internal;

import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.FieldProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A Geotab connection's settings, read once: usable values or the problem saying why they cannot
 * work, naming its field (reported as a CONFIGURATION_ERROR status and by {@code validate()}, never thrown).
 *
 * @param sandbox       whether the connection runs its own simulated Keyless Service on loopback
 * @param baseUrl       the Keyless Service's base URL (production); {@code null} in sandbox mode
 * @param database      the MyGeotab database (tenant) in {@code /api/tenants/{database}/…}
 * @param apiKey        sent as {@code Authorization: Bearer …}
 * @param publicBaseUrl Portier's public base URL, without trailing slash: where Geotab delivers
 *                      notifications (see {@link #webhookUrl}); in sandbox mode the loopback stand-in
 * @param problem       why the settings cannot work, or {@code null}
 */
public record GeotabSettings(boolean sandbox, URI baseUrl, String database, String apiKey, URI publicBaseUrl,
        FieldProblem problem) {

    public static final String MODE = "mode";
    public static final String BASE_URL = "baseUrl";
    public static final String DATABASE = "database";
    public static final String API_KEY = "apiKey";
    public static final String PUBLIC_BASE_URL = "publicBaseUrl";
    public static final String SANDBOX = "sandbox";
    public static final String PRODUCTION = "production";
    /** The database a sandbox connection uses when none is given. */
    public static final String SANDBOX_DATABASE = "sandbox";

    /** Where the host serves this plugin's endpoints, below Portier's base URL. */
    public static final String PLUGIN_PATH = "/api/plugins/geotab";
    /** The webhook's path below a connection's URL (SPI 2.0) and below {@link #PLUGIN_PATH} (the legacy URL). */
    public static final String NOTIFICATIONS = "/notifications";
    /** The webhook URL of SPI 1.x, which names no connection: served for one more release through legacy routing. */
    public static final String LEGACY_NOTIFICATIONS_PATH = PLUGIN_PATH + NOTIFICATIONS;

    /** The base of a sandbox subscription: its simulator delivers to the loopback address of each run instead. */
    private static final URI SANDBOX_BASE = URI.create("http://127.0.0.1");

    public static GeotabSettings read(DriverConfiguration configuration) {
        String mode = configuration.text(MODE).orElse(SANDBOX);
        String database = configuration.text(DATABASE).orElse("").trim();
        String apiKey = configuration.text(API_KEY).orElse("");
        if (!mode.equals(SANDBOX) && !mode.equals(PRODUCTION)) {
            return invalid(MODE, "The mode is sandbox or production, not " + mode + ".");
        }
        if (mode.equals(SANDBOX) && database.isEmpty()) {
            // The simulator serves any tenant: a sandbox needs no MyGeotab database (the form hides the field).
            database = SANDBOX_DATABASE;
        }
        if (database.isEmpty() || !database.matches("[A-Za-z0-9_.-]{1,100}")) {
            return invalid(DATABASE, "The database is the MyGeotab database name (letters, digits, _ . -), not \""
                    + database + "\".");
        }
        boolean sandbox = mode.equals(SANDBOX);
        if (sandbox) {
            String key = apiKey.isBlank() ? "sandbox-key" : apiKey;
            URI publicBase = configuration.text(PUBLIC_BASE_URL).map(GeotabSettings::http).orElse(SANDBOX_BASE);
            return new GeotabSettings(true, null, database, key, trimmed(publicBase), null);
        }
        URI baseUrl = configuration.text(BASE_URL).map(GeotabSettings::http).orElse(null);
        if (baseUrl == null) {
            return invalid(BASE_URL, "Production mode needs the Keyless Service URL as an http:// or https:// address.");
        }
        if (apiKey.isBlank()) {
            return invalid(API_KEY, "Production mode needs the Keyless Service API key.");
        }
        URI publicBase = configuration.text(PUBLIC_BASE_URL).map(GeotabSettings::http).orElse(null);
        if (publicBase == null) {
            return invalid(PUBLIC_BASE_URL, "Production mode needs Portier's public base URL (http:// or https://), where "
                    + "Geotab delivers notifications to " + PLUGIN_PATH + "/connections/{connectionId}" + NOTIFICATIONS + ".");
        }
        return new GeotabSettings(false, trimmed(baseUrl), database, apiKey, trimmed(publicBase), null);
    }

    /**
     * The webhook URL the notification subscription registers: this connection's endpoint,
     * {@code {publicBaseUrl}/api/plugins/geotab/connections/{connectionId}/notifications}. A path prefix
     * of the base URL (Portier behind a proxy under /portier) is kept.
     */
    public URI webhookUrl(String connectionId) {
        return URI.create(publicBaseUrl + PLUGIN_PATH + "/connections/" + segment(connectionId) + NOTIFICATIONS);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
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

    private static URI trimmed(URI uri) {
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    private static GeotabSettings invalid(String key, String message) {
        return new GeotabSettings(false, null, null, null, null, new FieldProblem(key, message));
    }

    public boolean usable() {
        return problem == null;
    }

    /** Why the settings cannot work, as a sentence; {@code null} when they are usable. */
    public String problemMessage() {
        return problem == null ? null : problem.message();
    }

    @Override
    public String toString() {
        // The API key is a secret: never in logs.
        return "GeotabSettings[" + (usable() ? (sandbox ? "sandbox" : baseUrl) + ", " + database : problem.message()) + "]";
    }
}
