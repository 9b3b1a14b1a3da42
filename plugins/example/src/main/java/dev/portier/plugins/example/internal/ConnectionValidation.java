package dev.portier.plugins.example.internal;

import dev.portier.plugin.api.ConfigValidation;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.ValidationContext;
import dev.portier.plugins.example.internal.DoorControllerClient.Answer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Checks settings before they are saved: the URL answers like a door controller and it accepts the key. */
public final class ConnectionValidation {

    private ConnectionValidation() {
    }

    /** Blocks on one request to the controller; the host runs it on a worker with a time limit. */
    public static ConfigValidation validate(DriverConfiguration configuration, ValidationContext context) {
        DoorControllerSettings settings = DoorControllerSettings.read(configuration);
        if (!settings.usable()) {
            return new ConfigValidation(List.of(settings.problem()), Map.of(), List.of());
        }
        DoorControllerClient client = new DoorControllerClient(context.http(), settings.baseUrl(), settings.apiKey());
        Answer answer;
        try {
            answer = client.status();
        } catch (IOException e) {
            return ConfigValidation.problem(DoorControllerSettings.BASE_URL, "The controller could not be reached at "
                    + settings.baseUrl() + ": " + Objects.toString(e.getMessage(), e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConfigValidation.problem(null, "Interrupted before the controller answered.");
        }
        if (answer.status() == 401 || answer.status() == 403) {
            return ConfigValidation.problem(DoorControllerSettings.API_KEY,
                    "The controller refused the API key (HTTP " + answer.status() + ").");
        }
        if (!answer.ok() || !answer.body().path("doors").isArray()) {
            return ConfigValidation.problem(DoorControllerSettings.BASE_URL, settings.baseUrl()
                    + " does not answer like a door controller (HTTP " + answer.status() + ").");
        }
        return ConfigValidation.ok().withNote("The controller (firmware " + answer.body().path("firmware").asText("unknown")
                + ") has " + answer.body().path("doors").size() + " doors.");
    }
}
