package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.domain.groups.GroupKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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

/**
 * {@code /api/v1/people-groups}: the account's people groups and their people ({@link GroupEndpoints}). A membership change
 * reaches the member grants of the group grants naming the group in the same transaction, and the vendors in
 * the background.
 */
@Path("v1/people-groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "People groups", description = "People groups (e.g. Cleaning staff): grants naming one follow its people")
@Singleton
public final class PeopleGroupsResource {

    private static final GroupKind KIND = GroupKind.PEOPLE;
    private static final String FOLLOW = "Grants naming the group follow at once: new members get their member grants, members "
            + "that leave have them revoked; vendors follow in the background.";

    private final GroupEndpoints groups;

    @Inject
    PeopleGroupsResource(GroupEndpoints groups) {
        this.groups = groups;
    }

    @GET
    @Operation(operationId = "listPeopleGroups", summary = "List people groups by name, with member counts")
    public List<GroupResponse> list(@Context SecurityContext security) {
        return groups.list(ApiCaller.of(security), KIND);
    }

    @POST
    @Operation(operationId = "createPeopleGroup", summary = "Create a people group")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = GroupResponse.class)))
    public Response create(@Context SecurityContext security, @Context UriInfo uri, GroupRequest body) {
        return groups.create(ApiCaller.of(security), uri, KIND, body);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getPeopleGroup", summary = "Get a people group")
    public GroupResponse get(@Context SecurityContext security, @PathParam("id") String id) {
        return groups.get(ApiCaller.of(security), KIND, id);
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "renamePeopleGroup", summary = "Rename a people group")
    public GroupResponse rename(@Context SecurityContext security, @PathParam("id") String id, GroupRequest body) {
        return groups.rename(ApiCaller.of(security), KIND, id, body);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deletePeopleGroup", summary = "Delete a people group no grant names (revoked ones included, which keep the history)")
    @ApiResponse(responseCode = "204", description = "Deleted")
    public Response delete(@Context SecurityContext security, @PathParam("id") String id) {
        return groups.delete(ApiCaller.of(security), KIND, id);
    }

    @GET
    @Path("{id}/members")
    @Operation(operationId = "listPeopleGroupMembers", summary = "The people group's people, in the order they joined")
    public List<MemberResponse> members(@Context SecurityContext security, @PathParam("id") String id) {
        return groups.members(ApiCaller.of(security), KIND, id);
    }

    @POST
    @Path("{id}/members")
    @Operation(operationId = "addPeopleGroupMembers", summary = "Add people to the people group; those already in it stay",
            description = FOLLOW + " An id that is not one of the account's people changes nothing (400).")
    public List<MemberResponse> add(@Context SecurityContext security, @PathParam("id") String id, MembersRequest body) {
        return groups.add(ApiCaller.of(security), KIND, id, body);
    }

    @DELETE
    @Path("{id}/members")
    @Operation(operationId = "removePeopleGroupMembers", summary = "Remove people from the people group", description = FOLLOW)
    public List<MemberResponse> remove(@Context SecurityContext security, @PathParam("id") String id,
            @QueryParam("id") @Parameter(description = "A member to remove (repeat for several)", required = true) List<String> ids) {
        return groups.remove(ApiCaller.of(security), KIND, id, ids);
    }
}
