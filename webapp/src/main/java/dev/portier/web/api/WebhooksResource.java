package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.Audited;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.webhooks.NewWebhookSecret;
import dev.portier.platform.webhooks.WebhookEndpoints;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
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

/** {@code /api/v1/webhooks}: the account's webhook endpoints, their delivery logs, replay and test events. */
@Path("v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "Signed event notifications (Standard Webhooks) with retries and a delivery log")
@Singleton
public final class WebhooksResource {

    private final WebhookEndpoints webhooks;
    private final Authorization authorization;

    @Inject
    WebhooksResource(WebhookEndpoints webhooks, Authorization authorization) {
        this.webhooks = webhooks;
        this.authorization = authorization;
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "List webhook endpoints")
    public List<WebhookResponse> list(@Context SecurityContext security) {
        SignedInUser who = caller(security, Role.VIEWER);
        return webhooks.list(who.accountId()).stream().map(WebhookResponse::of).toList();
    }

    @POST
    @Operation(operationId = "createWebhook", summary = "Add a webhook endpoint; the answer holds its signing secret, once")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = WebhookResponse.class)))
    public Response create(@Context SecurityContext security, @Context UriInfo uri, WebhookRequest body) {
        SignedInUser who = caller(security, Role.MANAGER);
        NewWebhookSecret created = webhooks.create(who.accountId(), Audited.by(who), ApiInputException.required(body).toDraft());
        return Created.at(uri, created.endpoint().id(), WebhookResponse.of(created.endpoint(), created.secret()));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getWebhook", summary = "Get a webhook endpoint")
    public WebhookResponse get(@Context SecurityContext security, @PathParam("id") String id) {
        return WebhookResponse.of(webhooks.get(caller(security, Role.VIEWER).accountId(), id));
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "updateWebhook", summary = "Change a webhook endpoint (every field); enabling a disabled one tries it afresh")
    public WebhookResponse update(@Context SecurityContext security, @PathParam("id") String id, WebhookRequest body) {
        SignedInUser who = caller(security, Role.MANAGER);
        return WebhookResponse.of(webhooks.update(who.accountId(), Audited.by(who), id, ApiInputException.required(body).toDraft()));
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteWebhook", summary = "Remove a webhook endpoint and its delivery log")
    @ApiResponse(responseCode = "204", description = "Deleted")
    public Response delete(@Context SecurityContext security, @PathParam("id") String id) {
        SignedInUser who = caller(security, Role.MANAGER);
        webhooks.delete(who.accountId(), Audited.by(who), id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/rotate-secret")
    @Operation(operationId = "rotateWebhookSecret",
            summary = "Give the endpoint a new signing secret (in the answer, once); the previous one signs beside it for 24 h")
    public WebhookResponse rotateSecret(@Context SecurityContext security, @PathParam("id") String id) {
        SignedInUser who = caller(security, Role.MANAGER);
        NewWebhookSecret rotated = webhooks.rotateSecret(who.accountId(), Audited.by(who), id);
        return WebhookResponse.of(rotated.endpoint(), rotated.secret());
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The endpoint's delivery log, newest first")
    public List<WebhookDeliveryResponse> deliveries(@Context SecurityContext security, @PathParam("id") String id,
            @QueryParam("limit") @DefaultValue("50") @Parameter(description = "At most this many (1–500)") int limit) {
        if (limit < 1 || limit > 500) {
            throw new ApiInputException("limit", "limit must be between 1 and 500");
        }
        return webhooks.deliveries(caller(security, Role.VIEWER).accountId(), id, limit).stream()
                .map(WebhookDeliveryResponse::of).toList();
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/replay")
    @Operation(operationId = "replayWebhookDelivery", summary = "Send a delivery's message again (same webhook-id)")
    @ApiResponse(responseCode = "202", description = "Queued",
            content = @Content(schema = @Schema(implementation = WebhookDeliveryResponse.class)))
    public Response replay(@Context SecurityContext security, @PathParam("id") String id,
            @PathParam("deliveryId") String deliveryId) {
        SignedInUser who = caller(security, Role.MANAGER);
        return Response.accepted(WebhookDeliveryResponse.of(webhooks.replay(who.accountId(), id, deliveryId))).build();
    }

    @POST
    @Path("{id}/test")
    @Operation(operationId = "testWebhook", summary = "Send a webhook.test event to this endpoint")
    @ApiResponse(responseCode = "202", description = "Queued",
            content = @Content(schema = @Schema(implementation = WebhookDeliveryResponse.class)))
    public Response test(@Context SecurityContext security, @PathParam("id") String id) {
        SignedInUser who = caller(security, Role.MANAGER);
        return Response.accepted(WebhookDeliveryResponse.of(webhooks.sendTest(who.accountId(), id))).build();
    }

    private SignedInUser caller(SecurityContext security, Role role) {
        SignedInUser who = ApiCaller.of(security);
        authorization.require(who, role);
        return who;
    }
}
