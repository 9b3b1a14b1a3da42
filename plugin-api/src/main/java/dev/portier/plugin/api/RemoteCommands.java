package dev.portier.plugin.api;

import java.util.Map;

/**
 * Capability {@link Capability#REMOTE_COMMANDS}: operates a connected lock. Called on a host worker;
 * may block. Sending the same {@code commandId} twice does not run the command twice.
 */
public interface RemoteCommands {

    CommandResult send(LockRef lock, LockCommand command);

    enum CommandType {
        LOCK, UNLOCK, CHECK_IN, CHECK_OUT, IGNITION_ENABLE, IGNITION_INHIBIT, LOCATE
    }

    enum CommandStatus {
        /** The vendor took the command; completion will arrive as an event. */
        ACCEPTED,
        COMPLETED,
        FAILED
    }

    /**
     * @param commandId the host's id for the command
     * @param type      what to do
     * @param options   vendor-specific context, e.g. a virtual key id
     */
    record LockCommand(String commandId, CommandType type, Map<String, String> options) {
        public LockCommand {
            options = options == null ? Map.of() : Map.copyOf(options);
        }
    }

    record CommandResult(CommandStatus status, String vendorReference, String message) {
    }
}
