package dev.portier.web.api;

import dev.portier.plugin.api.RemoteCommands.CommandStatus;
import dev.portier.plugin.api.RemoteCommands.CommandType;
import dev.portier.domain.reservations.SentCommand;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/** A command sent to a lock, with its driver's answer. */
public record CommandResponse(String id, String lockId,
        @Schema(description = "The booking whose stored key the command ran under, if any") String reservationId,
        CommandType type,
        @Schema(description = "Context sent with it, e.g. virtualKeyId") Map<String, String> options,
        @Schema(description = "ACCEPTED: the vendor took it and completes it later; COMPLETED; FAILED (see message)")
        CommandStatus status, String vendorReference, String message, String requestedBy, Instant requestedAt) {

    static CommandResponse of(SentCommand c) {
        return new CommandResponse(c.id(), c.lockId(), c.reservationId(), c.type(), c.options(), c.status(), c.vendorReference(),
                c.message(), c.requestedBy(), c.requestedAt());
    }
}
