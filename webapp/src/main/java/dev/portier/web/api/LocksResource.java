package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.db.PageRequest;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockFilter;
import dev.portier.drivers.connections.LockHealthReports;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/locks}: the account's locks, through {@link LockService}. */
@Path("v1/locks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Locks", description = "Doors, vehicles, boxes, cabinets and gates, each at one site")
@Singleton
public final class LocksResource {

    private final LockService locks;
    private final LockHealthReports health;

    @Inject
    LocksResource(LockService locks, LockHealthReports health) {
        this.locks = locks;
        this.health = health;
    }

    @GET
    @Operation(operationId = "listLocks", summary = "List locks")
    public Page<LockResponse> list(@Context SecurityContext security,
            @QueryParam("search") @Parameter(description = "Part of the name or vendor reference") String search,
            @QueryParam("siteId") @Parameter(description = "Only locks at this site") String siteId,
            @QueryParam("kind") @Parameter(description = "Only locks of this kind") LockKind kind,
            @QueryParam("state") @Parameter(description = "Only locks in this state") LockState state,
            @BeanParam PageParameters paging) {
        SignedInUser who = ApiCaller.of(security);
        PageRequest page = paging.toPageRequest();
        LockFilter filter = new LockFilter(search, siteId, kind, state);
        List<Lock> found = locks.list(who, filter, page);
        Map<String, LockHealthReports.Health> reports = health.all(who.accountId(), found.stream().map(Lock::id).toList());
        return Page.of(found.stream().map(l -> LockResponse.of(l, reports.get(l.id()))).toList(), locks.count(who, filter), page);
    }

    @POST
    @Operation(operationId = "createLock", summary = "Create a lock")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = LockResponse.class)))
    public Response create(@Context SecurityContext security, @Context UriInfo uri, LockRequest body) {
        LockResponse created = LockResponse.of(locks.create(ApiCaller.of(security), ApiInputException.required(body).toDraft()), null);
        return Created.at(uri, created.id(), created);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getLock", summary = "Get a lock, with the latest health its driver reported")
    public LockResponse get(@Context SecurityContext security, @PathParam("id") String id) {
        SignedInUser who = ApiCaller.of(security);
        return withHealth(who, locks.get(who, id));
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "updateLock", summary = "Change a lock (every field)")
    public LockResponse update(@Context SecurityContext security, @PathParam("id") String id, LockRequest body) {
        SignedInUser who = ApiCaller.of(security);
        return withHealth(who, locks.update(who, id, ApiInputException.required(body).toDraft()));
    }

    private LockResponse withHealth(SignedInUser who, Lock lock) {
        return LockResponse.of(lock, health.of(who.accountId(), lock.id()).orElse(null));
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteLock", summary = "Delete a lock nobody has a grant for (decommission it otherwise)")
    @ApiResponse(responseCode = "204", description = "Deleted")
    public Response delete(@Context SecurityContext security, @PathParam("id") String id) {
        locks.delete(ApiCaller.of(security), id);
        return Response.noContent().build();
    }
}
