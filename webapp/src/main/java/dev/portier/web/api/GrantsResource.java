package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.db.PageRequest;
import dev.portier.domain.grants.GrantFilter;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.grants.GrantStatus;
import dev.portier.identity.accounts.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
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
import java.time.Clock;

/**
 * {@code /api/v1/grants}: the account's grants, through {@link GrantService}. Grants are never
 * deleted — {@code POST /api/v1/grants/{id}/revoke} ends one and keeps it as history.
 */
@Path("v1/grants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Grants", description = "Who may open which lock or site, when, with which permissions; revoked, never deleted")
@Singleton
public final class GrantsResource {

    private final GrantService grants;
    private final Clock clock;

    @Inject
    GrantsResource(GrantService grants, Clock clock) {
        this.grants = grants;
        this.clock = clock;
    }

    @GET
    @Operation(operationId = "listGrants", summary = "List grants, newest first")
    public Page<GrantResponse> list(@Context SecurityContext security,
            @QueryParam("search") @Parameter(description = "Part of the person's name, card serial, lock or site name") String search,
            @QueryParam("personId") @Parameter(description = "Only grants for this person") String personId,
            @QueryParam("cardId") @Parameter(description = "Only grants for this card") String cardId,
            @QueryParam("lockId") @Parameter(description = "Only grants on this lock") String lockId,
            @QueryParam("siteId") @Parameter(description = "Only grants on this whole site") String siteId,
            @QueryParam("status") @Parameter(description = "Only grants with this status now") GrantStatus status,
            @BeanParam PageParameters paging) {
        SignedInUser who = ApiCaller.of(security);
        PageRequest page = paging.toPageRequest();
        GrantFilter filter = new GrantFilter(search, personId, cardId, lockId, siteId, status);
        return Page.of(grants.list(who, filter, page).stream().map(g -> GrantResponse.of(g, clock.instant())).toList(),
                grants.count(who, filter), page);
    }

    @POST
    @Operation(operationId = "createGrant", summary = "Create a grant")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = GrantResponse.class)))
    public Response create(@Context SecurityContext security, @Context UriInfo uri, GrantRequest body) {
        GrantResponse created = GrantResponse.of(grants.create(ApiCaller.of(security), ApiInputException.required(body).toDraft()),
                clock.instant());
        return Created.at(uri, created.id(), created);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getGrant", summary = "Get a grant")
    public GrantResponse get(@Context SecurityContext security, @PathParam("id") String id) {
        return GrantResponse.of(grants.get(ApiCaller.of(security), id), clock.instant());
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "updateGrant", summary = "Change an active grant (every field)")
    public GrantResponse update(@Context SecurityContext security, @PathParam("id") String id, GrantRequest body) {
        return GrantResponse.of(grants.update(ApiCaller.of(security), id, ApiInputException.required(body).toDraft()),
                clock.instant());
    }

    @POST
    @Path("{id}/revoke")
    @Operation(operationId = "revokeGrant", summary = "Revoke a grant at once; revoking again keeps the first revocation")
    public GrantResponse revoke(@Context SecurityContext security, @PathParam("id") String id, RevokeRequest body) {
        return GrantResponse.of(grants.revoke(ApiCaller.of(security), id, ApiInputException.required(body).reason()),
                clock.instant());
    }
}
