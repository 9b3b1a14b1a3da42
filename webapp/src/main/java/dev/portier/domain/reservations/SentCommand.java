package dev.portier.domain.reservations;

import dev.portier.plugin.api.RemoteCommands.CommandStatus;
import dev.portier.plugin.api.RemoteCommands.CommandType;
import java.time.Instant;
import java.util.Map;

/**
 * A command sent to a lock through its driver, with the driver's answer: ACCEPTED (the vendor took
 * it), COMPLETED or FAILED (the message says why). {@code reservationId} names the booking whose
 * stored key gave the command its context, if any.
 */
public record SentCommand(String id, String lockId, String reservationId, CommandType type, Map<String, String> options,
        CommandStatus status, String vendorReference, String message, String requestedBy, Instant requestedAt) {

    public SentCommand {
        options = Map.copyOf(options);
    }

    /** The vendor's name of a command type (Geotab Keyless: "CheckIn", "IgnitionEnable" …). */
    public static String label(CommandType type) {
        return switch (type) {
            case LOCK -> "Lock";
            case UNLOCK -> "Unlock";
            case CHECK_IN -> "CheckIn";
            case CHECK_OUT -> "CheckOut";
            case IGNITION_ENABLE -> "IgnitionEnable";
            case IGNITION_INHIBIT -> "IgnitionInhibit";
            case LOCATE -> "Locate";
        };
    }
}
