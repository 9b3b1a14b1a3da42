package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.access.bulk.BulkChanges;
import dev.portier.identity.accounts.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
 * {@code /api/v1/bulk-changes}: grant to, or revoke the grants of, many people and cards at once ({@link BulkChanges}).
 * {@code POST …/preview} answers what it would change; {@code POST} applies it and answers 202 with its state — DONE at
 * once for up to {@value BulkChanges#IN_REQUEST_LIMIT} people and cards, RUNNING otherwise, to be followed with
 * {@code GET …/{id}}.
 */
@Path("v1/bulk-changes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Bulk changes", description = "Grant or revoke for many people and cards at once, with a preview first")
@Singleton
public final class BulkChangesResource {

    private final BulkChanges bulk;

    @Inject
    BulkChangesResource(BulkChanges bulk) {
        this.bulk = bulk;
    }

    @POST
    @Path("preview")
    @Operation(operationId = "previewBulkChange", summary = "What a bulk change would do to who can open what",
            description = "The what-if of the whole change: it runs as applying it would, in a transaction that is rolled back. "
                    + "Unknown people, cards, locks or sites (or another account's) are 404; an empty selection 400.")
    public WhatIfResponse preview(@Context SecurityContext security, BulkChangeRequest body) {
        SignedInUser who = ApiCaller.of(security);
        return WhatIfResponse.of(bulk.preview(who, ApiInputException.required(body).toChange()));
    }

    @POST
    @Operation(operationId = "applyBulkChange", summary = "Apply a bulk change",
            description = "All or nothing, in one transaction, with one audit entry listing its items. Up to "
                    + BulkChanges.IN_REQUEST_LIMIT + " people and cards: done when answered (state DONE); more: runs in the "
                    + "background (state RUNNING; follow `Location`). Each grant is then synced and its keys issued as one "
                    + "made alone.")
    @ApiResponse(responseCode = "202", description = "Accepted: DONE already, or RUNNING",
            content = @Content(schema = @Schema(implementation = BulkChangeResponse.class)))
    public Response apply(@Context SecurityContext security, @Context UriInfo uri, BulkChangeRequest body) {
        SignedInUser who = ApiCaller.of(security);
        BulkChangeResponse run = BulkChangeResponse.of(bulk.apply(who, ApiInputException.required(body).toChange()));
        return Response.accepted(run).location(uri.getAbsolutePathBuilder().path(run.id()).build()).build();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getBulkChange", summary = "A bulk change's state, progress and items")
    public BulkChangeResponse get(@Context SecurityContext security, @PathParam("id") String id) {
        return BulkChangeResponse.of(bulk.get(ApiCaller.of(security), id));
    }
}
