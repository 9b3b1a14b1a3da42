package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.db.PageRequest;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.people.PersonService;
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

/** {@code /api/v1/people}: the account's people, through {@link PersonService}. */
@Path("v1/people")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "People", description = "Who gets access: identified by email and/or phone number")
@Singleton
public final class PeopleResource {

    private final PersonService people;

    @Inject
    PeopleResource(PersonService people) {
        this.people = people;
    }

    @GET
    @Operation(operationId = "listPeople", summary = "List people by name")
    public Page<PersonResponse> list(@Context SecurityContext security,
            @QueryParam("search") @Parameter(description = "Part of the name, email or phone number") String search,
            @BeanParam PageParameters paging) {
        SignedInUser who = ApiCaller.of(security);
        PageRequest page = paging.toPageRequest();
        return Page.of(people.list(who, search, page).stream().map(PersonResponse::of).toList(), people.count(who, search), page);
    }

    @POST
    @Operation(operationId = "createPerson", summary = "Create a person")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = PersonResponse.class)))
    public Response create(@Context SecurityContext security, @Context UriInfo uri, PersonRequest body) {
        PersonResponse created = PersonResponse.of(people.create(ApiCaller.of(security), ApiInputException.required(body).toDraft()));
        return Created.at(uri, created.id(), created);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getPerson", summary = "Get a person")
    public PersonResponse get(@Context SecurityContext security, @PathParam("id") String id) {
        return PersonResponse.of(people.get(ApiCaller.of(security), id));
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "updatePerson", summary = "Change a person (every field)")
    public PersonResponse update(@Context SecurityContext security, @PathParam("id") String id, PersonRequest body) {
        return PersonResponse.of(people.update(ApiCaller.of(security), id, ApiInputException.required(body).toDraft()));
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deletePerson", summary = "Delete a person without grants; their cards stay, unassigned")
    @ApiResponse(responseCode = "204", description = "Deleted")
    public Response delete(@Context SecurityContext security, @PathParam("id") String id) {
        people.delete(ApiCaller.of(security), id);
        return Response.noContent().build();
    }
}
