package dev.portier.plugin.api;

import java.util.Objects;

/**
 * Capability {@link Capability#REMOTE_COMMANDS}: operates a connected lock. Called on a host worker;
 * may block. Sending the same {@code commandId} twice does not run the command twice (pass it to the
 * vendor as an idempotency key).
 */
public interface RemoteCommands {

    CommandResult send(LockRef lock, LockCommand command);

    /** What a command asks the lock to do; a driver answers FAILED for types its vendor lacks. */
    enum CommandType {
        LOCK, UNLOCK, CHECK_IN, CHECK_OUT, IGNITION_ENABLE, IGNITION_INHIBIT, LOCATE
    }

    /** What became of a command. */
    enum CommandStatus {
        /** The vendor took the command; completion will arrive as an event. */
        ACCEPTED,
        COMPLETED,
        FAILED
    }

    /**
     * A command to send. Immutable.
     *
     * @param commandId   the host's id for the command
     * @param type        what to do
     * @param storedKeyId the vendor's stored key the command acts under (a reservation's virtual key),
     *                    or {@code null}
     */
    record LockCommand(String commandId, CommandType type, String storedKeyId) {
        public LockCommand {
            Objects.requireNonNull(commandId, "commandId");
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * The vendor's answer to a command. Immutable.
     *
     * @param status          what became of it
     * @param vendorReference the vendor's id of the command, or {@code null}
     * @param message         a sentence for people when it failed; may be empty
     */
    record CommandResult(CommandStatus status, String vendorReference, String message) {
    }
}
