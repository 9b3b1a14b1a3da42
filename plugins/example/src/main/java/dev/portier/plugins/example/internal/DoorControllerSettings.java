package dev.portier.plugins.example.internal;

import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.FieldProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * A connection's settings, read once: either usable values or the problem saying which setting
 * cannot work and why (a {@code FieldProblem} from {@code validate()}, a CONFIGURATION_ERROR status
 * from the driver; never thrown).
 *
 * @param baseUrl      the controller's base URL without trailing slash; {@code null} when unusable
 * @param apiKey       the API key
 * @param pollInterval how often the driver checks the controller and the host pulls its log
 * @param problem      why the settings cannot work, or {@code null}
 */
public record DoorControllerSettings(URI baseUrl, String apiKey, Duration pollInterval, FieldProblem problem) {

    public static final String BASE_URL = "baseUrl";
    public static final String API_KEY = "apiKey";
    public static final String POLL_INTERVAL = "pollInterval";

    private static final int MIN_POLL_SECONDS = 5;
    private static final int MAX_POLL_SECONDS = 3600;

    public static DoorControllerSettings read(DriverConfiguration configuration) {
        String url = configuration.text(BASE_URL).orElse("");
        String apiKey = configuration.text(API_KEY).orElse("");
        URI baseUrl;
        try {
            baseUrl = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (URISyntaxException e) {
            return invalid(BASE_URL, "The controller URL is not a URL: " + url);
        }
        if (!("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())) || baseUrl.getHost() == null) {
            return invalid(BASE_URL, "The controller URL must be an http:// or https:// address with a host: " + url);
        }
        if (apiKey.isBlank()) {
            return invalid(API_KEY, "The API key is missing.");
        }
        String interval = configuration.text(POLL_INTERVAL).orElse("60");
        int seconds;
        try {
            seconds = Integer.parseInt(interval.trim());
        } catch (NumberFormatException e) {
            return invalid(POLL_INTERVAL, "The poll interval must be a whole number of seconds: " + interval);
        }
        if (seconds < MIN_POLL_SECONDS || seconds > MAX_POLL_SECONDS) {
            return invalid(POLL_INTERVAL, "The poll interval must be between " + MIN_POLL_SECONDS + " and "
                    + MAX_POLL_SECONDS + " seconds, not " + seconds + ".");
        }
        return new DoorControllerSettings(baseUrl, apiKey, Duration.ofSeconds(seconds), null);
    }

    private static DoorControllerSettings invalid(String key, String message) {
        return new DoorControllerSettings(null, null, null, new FieldProblem(key, message));
    }

    public boolean usable() {
        return problem == null;
    }

    @Override
    public String toString() {
        // The API key is a secret: never in logs.
        return "DoorControllerSettings[" + (usable() ? baseUrl + ", every " + pollInterval : problem.message()) + "]";
    }
}
