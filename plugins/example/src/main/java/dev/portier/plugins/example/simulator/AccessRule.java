package dev.portier.plugins.example.simulator;

import dev.portier.plugin.api.Schedule;
import java.time.Instant;
import java.util.Set;

/**
 * An access rule the simulated controller holds for one grant at one door, as the driver pushed it.
 *
 * @param door        the door's reference
 * @param grantId     Portier's grant id (the rule's key at the controller)
 * @param reference   the controller's id of the rule, stable across updates
 * @param holderKind  {@code "person"} or {@code "card"}
 * @param holder      the person's id or the card's serial
 * @param holderName  the person's name, or {@code null}
 * @param from        first instant it applies
 * @param until       first instant it no longer applies; {@code null} = open-ended
 * @param permissions e.g. {@code UNLOCK}
 * @param schedule    when in the week; {@code null} = always
 * @param revision    how often the rule was written (1 after the first push)
 */
public record AccessRule(String door, String grantId, String reference, String holderKind, String holder, String holderName,
        Instant from, Instant until, Set<String> permissions, Schedule schedule, int revision) {

    /** Whether the controller would let the holder do {@code permission} at {@code at}, as it decides offline. */
    public boolean allows(String permission, Instant at) {
        boolean valid = !at.isBefore(from) && (until == null || at.isBefore(until));
        return valid && permissions.contains(permission) && (schedule == null || schedule.isOpen(at));
    }
}
