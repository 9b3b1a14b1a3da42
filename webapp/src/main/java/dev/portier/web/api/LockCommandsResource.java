package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.db.PageRequest;
import dev.portier.drivers.vehicles.LockCommandService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.validation.ValidationException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code /api/v1/locks/{lockId}/commands}: commands sent to a lock through its driver, with their
 * answers. Sending needs the Manager role; a lock whose driver takes no commands is a 409.
 */
@Path("v1/locks/{lockId}/commands")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Lock commands", description = "Lock, Unlock, CheckIn, CheckOut, IgnitionEnable, IgnitionInhibit and Locate "
        + "through the lock's driver, under the running booking's stored key when there is one")
@Singleton
public final class LockCommandsResource {

    private final LockCommandService commands;

    @Inject
    LockCommandsResource(LockCommandService commands) {
        this.commands = commands;
    }

    @GET
    @Operation(operationId = "listLockCommands", summary = "Commands sent to the lock, newest first")
    public Page<CommandResponse> list(@Context SecurityContext security, @PathParam("lockId") String lockId,
            @BeanParam PageParameters paging) {
        SignedInUser who = ApiCaller.of(security);
        PageRequest page = paging.toPageRequest();
        return Page.of(commands.list(who, lockId, page).stream().map(CommandResponse::of).toList(),
                commands.count(who, lockId), page);
    }

    @POST
    @Operation(operationId = "sendLockCommand", summary = "Send a command; the answer says whether the driver completed, "
            + "accepted or failed it")
    @ApiResponse(responseCode = "201", description = "Sent (see status)",
            content = @Content(schema = @Schema(implementation = CommandResponse.class)))
    public Response send(@Context SecurityContext security, @Context UriInfo uri, @PathParam("lockId") String lockId,
            CommandRequest body) {
        if (ApiInputException.required(body).type() == null) {
            throw ValidationException.of("type", "Choose a command: LOCK, UNLOCK, CHECK_IN, CHECK_OUT, IGNITION_ENABLE, "
                    + "IGNITION_INHIBIT or LOCATE");
        }
        CommandResponse sent = CommandResponse.of(commands.send(ApiCaller.of(security), lockId, body.type()));
        return Created.at(uri, sent.id(), sent);
    }
}
