package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.db.PageRequest;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.cards.CardService;
import dev.portier.drivers.trust.CardKeys;
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

/** {@code /api/v1/cards}: the account's cards, through {@link CardService}, and their keys ({@link CardKeys}). */
@Path("v1/cards")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Cards", description = "NFC tap cards, optionally assigned to a person")
@Singleton
public final class CardsResource {

    private final CardService cards;
    private final CardKeys cardKeys;

    @Inject
    CardsResource(CardService cards, CardKeys cardKeys) {
        this.cards = cards;
        this.cardKeys = cardKeys;
    }

    @GET
    @Operation(operationId = "listCards", summary = "List cards")
    public Page<CardResponse> list(@Context SecurityContext security,
            @QueryParam("search") @Parameter(description = "Part of the serial number, label or assigned person") String search,
            @BeanParam PageParameters paging) {
        SignedInUser who = ApiCaller.of(security);
        PageRequest page = paging.toPageRequest();
        return Page.of(cards.list(who, search, page).stream().map(CardResponse::of).toList(), cards.count(who, search), page);
    }

    @POST
    @Operation(operationId = "createCard", summary = "Create a card")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = CardResponse.class)))
    public Response create(@Context SecurityContext security, @Context UriInfo uri, CardRequest body) {
        CardResponse created = CardResponse.of(cards.create(ApiCaller.of(security), ApiInputException.required(body).toDraft()));
        return Created.at(uri, created.id(), created);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getCard", summary = "Get a card")
    public CardResponse get(@Context SecurityContext security, @PathParam("id") String id) {
        return CardResponse.of(cards.get(ApiCaller.of(security), id));
    }

    @GET
    @Path("{id}/keys")
    @Operation(operationId = "getCardKeys", summary = "The card's active keys, to write onto the card (Manager or Owner)",
            description = "Where a lock's driver issues keys to cards, each active PRE_ISSUED grant of an active card gets one "
                    + "key per enrolled lock it covers. Each key names its lock, when it is valid, the driver's credential "
                    + "format and the credential itself (base64). Revoked, expired and renewed keys are not listed.")
    @ApiResponse(responseCode = "200", description = "The active keys (none where no driver issues keys to cards)",
            content = @Content(schema = @Schema(implementation = CardKeysResponse.class)))
    @ApiResponse(responseCode = "403", description = "The token's role is below Manager")
    @ApiResponse(responseCode = "404", description = "No such card in the token's account")
    public CardKeysResponse keys(@Context SecurityContext security, @PathParam("id") String id) {
        return CardKeysResponse.of(cardKeys.current(ApiCaller.of(security), id));
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "updateCard", summary = "Change a card (every field)")
    public CardResponse update(@Context SecurityContext security, @PathParam("id") String id, CardRequest body) {
        return CardResponse.of(cards.update(ApiCaller.of(security), id, ApiInputException.required(body).toDraft()));
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteCard", summary = "Delete a card without grants (mark it LOST or RETIRED otherwise)")
    @ApiResponse(responseCode = "204", description = "Deleted")
    public Response delete(@Context SecurityContext security, @PathParam("id") String id) {
        cards.delete(ApiCaller.of(security), id);
        return Response.noContent().build();
    }
}
