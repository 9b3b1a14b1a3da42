package dev.portier.plugins.example.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.plugin.api.GrantSync.GrantSnapshot;
import dev.portier.plugin.api.GrantSync.GrantWithdrawal;
import dev.portier.plugin.api.GrantSync.SyncedGrant;
import dev.portier.plugin.api.Grantee;
import dev.portier.plugin.api.LimitExceededException;
import dev.portier.plugin.api.Schedule;
import dev.portier.plugin.api.VendorRefusedException;
import dev.portier.plugins.example.internal.DoorControllerClient.Answer;

/**
 * Grants as the controller's access rules: one rule per grant and door, keyed by the grant id, so the
 * controller edits a changed grant in place (the previous vendor reference is not needed) and a
 * retried push writes the same rule again. Permanent refusals become {@link VendorRefusedException}
 * or {@link LimitExceededException}; everything else is thrown as transient for the host's retries.
 */
final class DoorRules {

    /** The rule id {@link LimitExceededException#rule()} names when a door is full. */
    static final String RULES_PER_DOOR = "example.rules-per-door";

    private final DoorControllerClient client;
    private final ControllerGuard guard;

    DoorRules(DoorControllerClient client, ControllerGuard guard) {
        this.client = client;
        this.guard = guard;
    }

    SyncedGrant push(GrantSnapshot grant) {
        String door = grant.lock().vendorReference();
        Answer answer = guard.call(() -> client.putRule(door, grant.grantId(), rule(grant)));
        return switch (answer.status()) {
            case 200 -> new SyncedGrant(answer.body().path("reference").asText());
            case 404 -> throw new VendorRefusedException("The controller has no door " + door + ".");
            case 409 -> throw new LimitExceededException(RULES_PER_DOOR, answer.body().path("limit").asLong(),
                    answer.body().path("current").asLong());
            case 422 -> throw new VendorRefusedException("The controller refused the grant: " + answer.error() + ".");
            default -> throw guard.unexpected(answer);
        };
    }

    void withdraw(GrantWithdrawal withdrawal) {
        Answer answer = guard.call(() -> client.deleteRule(withdrawal.lock().vendorReference(), withdrawal.grantId()));
        // 404: the controller holds no such rule — withdrawn already, or never pushed.
        if (!answer.ok() && answer.status() != 404) {
            throw guard.unexpected(answer);
        }
    }

    private static ObjectNode rule(GrantSnapshot grant) {
        ObjectNode rule = DoorControllerClient.object();
        ObjectNode holder = rule.putObject("holder");
        switch (grant.grantee()) {
            case Grantee.Person person -> holder.put("kind", "person").put("id", person.personId())
                    .put("name", person.displayName());
            case Grantee.Card card -> holder.put("kind", "card").put("id", card.serial());
        }
        rule.put("from", grant.validFrom().toString());
        if (grant.validUntil() != null) {
            rule.put("until", grant.validUntil().toString());
        }
        ArrayNode permissions = rule.putArray("permissions");
        grant.permissions().stream().map(Enum::name).sorted().forEach(permissions::add);
        if (grant.schedule() != null) {
            rule.set("schedule", schedule(grant.schedule()));
        }
        return rule;
    }

    private static ObjectNode schedule(Schedule schedule) {
        ObjectNode json = DoorControllerClient.object().put("zone", schedule.zone().getId());
        ArrayNode windows = json.putArray("windows");
        for (Schedule.Window window : schedule.windows()) {
            ObjectNode item = windows.addObject().put("start", window.start().toString()).put("end", window.end().toString());
            ArrayNode days = item.putArray("days");
            window.days().stream().sorted().map(Enum::name).forEach(days::add);
        }
        return json;
    }
}
