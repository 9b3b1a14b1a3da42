package dev.portier.plugins.geotab.internal;

import dev.portier.plugin.api.ConfigValidation;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.ValidationContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks settings before they are saved. Production: the Keyless Service URL answers like the service
 * and accepts the API key, asked with the one read that changes nothing, {@code GET
 * …/notification-subscriptions} (200 with the subscription, or 404 with a JSON error while there is
 * none). Sandbox: only the settings, since the simulator runs inside the connection.
 */
public final class ConnectionValidation {

    private ConnectionValidation() {
    }

    /** Blocks on one request to the service; the host runs it on a worker with a time limit. */
    public static ConfigValidation validate(DriverConfiguration configuration, ValidationContext context) {
        GeotabSettings settings = GeotabSettings.read(configuration);
        if (!settings.usable()) {
            return new ConfigValidation(List.of(settings.problem()), Map.of(), List.of());
        }
        String webhook = settings.publicBaseUrl() + GeotabSettings.PLUGIN_PATH + "/connections/{connectionId}"
                + GeotabSettings.NOTIFICATIONS;
        if (settings.sandbox()) {
            return ConfigValidation.ok().withNote("Sandbox: a simulated Keyless Service runs inside Portier; no Geotab "
                    + "account is used.");
        }
        KeylessClient.Answer answer;
        try {
            answer = new KeylessClient(context.http(), settings.baseUrl(), settings).subscription();
        } catch (IOException e) {
            return ConfigValidation.problem(GeotabSettings.BASE_URL, "The Keyless Service could not be reached at "
                    + settings.baseUrl() + ": " + Objects.toString(e.getMessage(), e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConfigValidation.problem(null, "Interrupted before the Keyless Service answered.");
        }
        if (answer.status() == 401 || answer.status() == 403) {
            return ConfigValidation.problem(GeotabSettings.API_KEY,
                    "The Keyless Service refused the API key (HTTP " + answer.status() + ").");
        }
        boolean keyless = answer.json().isObject() && (answer.ok() || answer.status() == 404);
        if (!keyless) {
            return ConfigValidation.problem(GeotabSettings.BASE_URL, settings.baseUrl()
                    + " does not answer like the Keyless Service (HTTP " + answer.status() + ").");
        }
        String current = KeylessJson.text(answer.json(), "webhook");
        ConfigValidation valid = ConfigValidation.ok().withNote("Geotab will deliver notifications to " + webhook + ".");
        return current == null ? valid : valid.withNote("Database " + settings.database()
                + " has a notification subscription to " + current + "; the connection moves it to its own URL.");
    }
}
