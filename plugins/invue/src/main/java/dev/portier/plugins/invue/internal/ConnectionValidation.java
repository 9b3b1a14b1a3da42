package dev.portier.plugins.invue.internal;

import dev.portier.plugin.api.ConfigValidation;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.ValidationContext;
import java.time.Instant;

/**
 * {@code validate()} of an InVue connection: the settings read, the intermediate chained to the root, a
 * CA, valid now; notes with its subject and expiry. Nothing is sent to InVue: its one published call
 * registers a lock and cannot be repeated, so the API key is first used by the first enrolment.
 */
public final class ConnectionValidation {

    private ConnectionValidation() {
    }

    public static ConfigValidation validate(DriverConfiguration configuration, ValidationContext context) {
        InVueSettings settings = InVueSettings.read(configuration);
        if (!settings.usable()) {
            return ConfigValidation.problem(settings.problem().key(), settings.problem().message());
        }
        Instant now = context.clock().instant();
        var validity = settings.chain().validityAt(now);
        if (validity.isPresent()) {
            return ConfigValidation.problem(validity.get().key(), validity.get().message());
        }
        ConfigValidation answer = ConfigValidation.ok();
        for (String note : settings.chain().notes(now)) {
            answer = answer.withNote(note);
        }
        answer = answer.withNote("Enrolments name the certificate owner \"" + settings.owner() + "\".");
        if (settings.sandbox()) {
            answer = answer.withNote("Sandbox: a simulated LIVE Lock API and its CA run inside Portier; nothing reaches InVue.");
        } else {
            answer = answer.withNote("The API key is not checked now: InVue publishes no call that does not register a lock.");
        }
        return answer;
    }
}
