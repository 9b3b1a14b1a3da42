package dev.portier.web.api;

import dev.portier.plugin.api.RemoteCommands.CommandType;
import io.swagger.v3.oas.annotations.media.Schema;

/** A command to send to a lock through its driver. */
public record CommandRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) CommandType type) {
}
