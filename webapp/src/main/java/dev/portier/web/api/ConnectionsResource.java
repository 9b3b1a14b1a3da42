package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.drivers.connections.Connection;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.db.PageRequest;
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
 * {@code /api/v1/connections}: the account's vendor connections through {@link ConnectionService}, so a
 * deployment can be scripted end to end. Creating and testing need a MANAGER token; secret settings go in
 * and never come back out.
 */
@Path("v1/connections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Connections", description = "Configured vendor drivers: create one with its secrets, test it, list them with their status")
@Singleton
public final class ConnectionsResource {

    private final ConnectionService connections;

    @Inject
    ConnectionsResource(ConnectionService connections) {
        this.connections = connections;
    }

    @GET
    @Operation(operationId = "listConnections", summary = "List connections by name, each with its latest status")
    public Page<ConnectionResponse> list(@Context SecurityContext security, @BeanParam PageParameters paging) {
        SignedInUser who = ApiCaller.of(security);
        PageRequest page = paging.toPageRequest();
        return Page.of(connections.list(who, page.offset(), page.limit()).stream().map(c -> response(who, c)).toList(),
                connections.count(who), page);
    }

    @POST
    @Operation(operationId = "createConnection", summary = "Create a connection (MANAGER); the driver checks the settings first")
    @ApiResponse(responseCode = "201", description = "Created; the driver starts in the background",
            content = @Content(schema = @Schema(implementation = ConnectionResponse.class)))
    public Response create(@Context SecurityContext security, @Context UriInfo uri, ConnectionRequest body) {
        SignedInUser who = ApiCaller.of(security);
        Connection created = connections.create(who, ApiInputException.required(body).toDraft());
        return Created.at(uri, created.id(), response(who, created));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getConnection", summary = "Get a connection with its latest status")
    public ConnectionResponse get(@Context SecurityContext security, @PathParam("id") String id) {
        SignedInUser who = ApiCaller.of(security);
        return response(who, connections.get(who, id));
    }

    @POST
    @Path("{id}/test")
    @Operation(operationId = "testConnection",
            summary = "Check the connection against its vendor now (MANAGER), within the driver call time limit; answers the connection with the new status")
    public ConnectionResponse test(@Context SecurityContext security, @PathParam("id") String id) {
        SignedInUser who = ApiCaller.of(security);
        connections.test(who, id);
        return response(who, connections.get(who, id));
    }

    private ConnectionResponse response(SignedInUser who, Connection connection) {
        return ConnectionResponse.of(connection, connections.status(who, connection.id()));
    }
}
