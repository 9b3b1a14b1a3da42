package dev.portier.plugins.tapkey.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portier.plugin.api.Choice;
import dev.portier.plugin.api.ConfigValidation;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.FieldProblem;
import dev.portier.plugin.api.OutboundHttp;
import dev.portier.plugin.api.ValidationContext;
import dev.portier.plugins.tapkey.internal.TapkeyClient.CredentialsRefused;
import dev.portier.plugins.tapkey.internal.TapkeyClient.TapkeyException;
import dev.portier.plugins.tapkey.simulator.SandboxWorld;
import dev.portier.plugins.tapkey.simulator.TapkeySimulator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code validate()} of a Tapkey connection: the settings read; a token fetched with the client
 * credentials; the owner accounts the client co-administers listed and offered as the owner-account
 * choices (none: the client must be made co-admin); the chosen one among them; its bound locks counted,
 * which also proves the scopes. In sandbox mode the same checks run against a throwaway simulator seeded
 * like the connection's own.
 */
public final class ConnectionValidation {

    private ConnectionValidation() {
    }

    public static ConfigValidation validate(DriverConfiguration configuration, ValidationContext context) {
        TapkeySettings settings = TapkeySettings.read(configuration);
        if (!settings.usable()) {
            return ConfigValidation.problem(settings.problem().key(), settings.problem().message());
        }
        if (!settings.sandbox()) {
            return check(new TapkeyClient(context.http(), settings, context.clock()))
                    .withNote("Revocations are sent with " + settings.revokeVerb() + " (a 405 falls back to the other verb once).");
        }
        try (TapkeySimulator simulator = SandboxWorld.seed(TapkeySimulator.start(context.clock()));
                SimulatorHttp http = new SimulatorHttp()) {
            return check(new TapkeyClient(http, settings.at(simulator.url()), context.clock()))
                    .withNote("Sandbox: a simulated Tapkey runs inside Portier; nothing reaches Tapkey.");
        }
    }

    static ConfigValidation check(TapkeyClient client) {
        TapkeySettings settings = client.settings();
        List<Choice> owners = new ArrayList<>();
        try {
            client.token();
            JsonNode listed = client.get("Owners", Map.of());
            if (listed.isArray()) {
                for (JsonNode owner : listed) {
                    String id = TapkeyJson.text(owner, "id");
                    if (id != null && !Boolean.FALSE.equals(TapkeyJson.bool(owner, "active"))) {
                        owners.add(new Choice(id, Objects.requireNonNullElse(TapkeyJson.text(owner, "name"), id)));
                    }
                }
            }
        } catch (CredentialsRefused e) {
            String key = e.body().contains("invalid_scope") ? TapkeySettings.SCOPES : TapkeySettings.CLIENT_SECRET;
            String why = key.equals(TapkeySettings.SCOPES) ? "Tapkey's login refused the scopes asked for: the client may not have "
                    + "all of them (HTTP " + e.status() + ", " + TapkeyClient.shorten(e.body()) + ")."
                    : "Tapkey's login refused the client id or secret (HTTP " + e.status() + ", " + TapkeyClient.shorten(e.body()) + ").";
            return ConfigValidation.problem(key, why);
        } catch (TapkeyException e) {
            return ConfigValidation.problem(null, "Tapkey answered unexpectedly: " + e.getMessage());
        } catch (IOException e) {
            return ConfigValidation.problem(null, "Tapkey could not be reached: " + Objects.toString(e.getMessage(), e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConfigValidation.problem(null, "Validation was interrupted.");
        }
        if (owners.isEmpty()) {
            return ConfigValidation.problem(TapkeySettings.OWNER_ACCOUNT, "The client credentials work, but the client "
                    + settings.clientId() + " co-administers no owner account: in the Tapkey portal, make the client's service "
                    + "account a co-admin of the owner account Portier should manage, then validate again.");
        }
        Map<String, List<Choice>> choices = Map.of(TapkeySettings.OWNER_ACCOUNT, owners);
        String chosen = settings.ownerAccount();
        Choice owner = owners.stream().filter(choice -> choice.value().equals(chosen)).findFirst().orElse(null);
        if (owner == null) {
            String message = chosen.isEmpty() ? "Choose the owner account whose locks Portier manages."
                    : "The client does not co-administer owner account " + chosen + ": choose one of those it does.";
            return new ConfigValidation(List.of(new FieldProblem(TapkeySettings.OWNER_ACCOUNT, message)), choices, List.of());
        }
        try {
            int locks = client.list(client.owned("BoundLocks"), Map.of()).size();
            return new ConfigValidation(List.of(), choices, List.of("Owner account \"" + owner.label() + "\" holds " + locks
                    + " bound lock" + (locks == 1 ? "" : "s") + "."));
        } catch (TapkeyException e) {
            return new ConfigValidation(List.of(new FieldProblem(e.status() == 401 || e.status() == 403 ? TapkeySettings.SCOPES : null,
                    "Tapkey refused to list the owner account's bound locks: " + e.getMessage()
                            + (e.status() == 401 || e.status() == 403 ? " The scopes must include read:core:entities." : ""))),
                    choices, List.of());
        } catch (IOException e) {
            return ConfigValidation.problem(null, "Tapkey could not be reached: " + Objects.toString(e.getMessage(), e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConfigValidation.problem(null, "Validation was interrupted.");
        }
    }
}
