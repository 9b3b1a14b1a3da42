package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.db.PageRequest;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantCalendar;
import dev.portier.domain.grants.GrantFilter;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.grants.GrantState;
import dev.portier.domain.grants.GrantStatus;
import dev.portier.domain.grants.GroupGrant;
import dev.portier.domain.grants.GroupGrantService;
import dev.portier.drivers.sync.VendorSync;
import java.util.List;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.drivers.sync.GrantSyncs;
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
 * deleted — {@code POST /api/v1/grants/{id}/revoke} ends one and keeps it as history. Each answer
 * carries the grant's {@code sync} status at grant-syncing vendors ({@link GrantSyncs}). A grant naming a people
 * group or a lock group is a group grant ({@link GroupGrantService}): the same routes create, read, change and
 * revoke it by its id, and its member grants follow; a member grant itself cannot be changed or revoked (409).
 */
@Path("v1/grants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Grants", description = "Who may open which lock or site, when, with which permissions; revoked, never deleted")
@Singleton
public final class GrantsResource {

    private static final String SYNC_NOTE = "Answers as soon as Portier has stored the change; vendors that sync grants "
            + "follow in the background (withdrawals first), as the `sync` array shows (PENDING at first).";

    private final GrantService grants;
    private final GroupGrantService groupGrants;
    private final GrantSyncs syncs;
    private final Clock clock;

    @Inject
    GrantsResource(GrantService grants, GroupGrantService groupGrants, GrantSyncs syncs, Clock clock) {
        this.grants = grants;
        this.groupGrants = groupGrants;
        this.syncs = syncs;
        this.clock = clock;
    }

    private GrantResponse response(SignedInUser who, Grant grant) {
        return GrantResponse.of(grant, clock.instant(), syncs.ofGrant(who, grant.id()));
    }

    private GrantResponse response(SignedInUser who, GroupGrant grant) {
        List<VendorSync> sync = groupGrants.memberGrants(who, grant.id()).stream().filter(g -> g.state() == GrantState.ACTIVE)
                .flatMap(g -> syncs.ofGrant(who, g.id()).stream()).toList();
        return GrantResponse.of(grant, clock.instant(), sync);
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
            @QueryParam("groupGrantId") @Parameter(description = "Only the member grants of this group grant") String groupGrantId,
            @QueryParam("direct") @Parameter(description = "true: only grants made one by one, without the member grants of "
                    + "group grants (those are listed at /api/v1/group-grants)") boolean direct,
            @BeanParam CursorPageParameters paging) {
        SignedInUser who = ApiCaller.of(security);
        paging.toPageRequest();
        GrantFilter filter = new GrantFilter(search, personId, cardId, lockId, siteId, status, groupGrantId, direct);
        return paging.page("grants", 2, grants.count(who, filter),
                (key, limit) -> grants.after(who, filter, cursorInstant(key.get(0)), key.get(1).asText(), limit),
                (Grant g) -> new Object[] {g.createdAt().toString(), g.id()}, g -> response(who, g),
                page -> grants.list(who, filter, page));
    }

    private static java.time.Instant cursorInstant(com.fasterxml.jackson.databind.JsonNode part) {
        try {
            return java.time.Instant.parse(part.asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw Cursor.invalid();
        }
    }

    @POST
    @Operation(operationId = "createGrant", summary = "Create a grant",
            description = SYNC_NOTE)
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = GrantResponse.class)))
    public Response create(@Context SecurityContext security, @Context UriInfo uri, GrantRequest body) {
        SignedInUser who = ApiCaller.of(security);
        GrantRequest request = ApiInputException.required(body);
        GrantResponse created = request.group() ? response(who, groupGrants.create(who, request.toGroupDraft()))
                : response(who, grants.create(who, request.toDraft()));
        return Created.at(uri, created.id(), created);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getGrant", summary = "Get a grant, with where it stands at each grant-syncing vendor",
            description = "The `sync` array has one item per lock the grant covers at a vendor that syncs grants, and "
                    + "holder: PENDING, APPLIED, RETRYING (retryAt, lastError) or FAILED (lastError).")
    public GrantResponse get(@Context SecurityContext security, @PathParam("id") String id) {
        SignedInUser who = ApiCaller.of(security);
        return groupGrants.exists(who, id) ? response(who, groupGrants.get(who, id)) : response(who, grants.get(who, id));
    }

    @GET
    @Path("{id}/schedule.ics")
    @Produces(GrantCalendar.MEDIA_TYPE)
    @Operation(operationId = "getGrantSchedule", summary = "The grant's times as an RFC 5545 iCalendar file",
            description = "Exactly the instants at which the access decision lets the grant open, in the site's time zone "
                    + "(VTIMEZONE included): one weekly event per schedule window (DTSTART with TZID, DURATION, RRULE "
                    + "with UNTIL in UTC from the grant's end), and single events, excluded from the rule with EXDATE, for "
                    + "occurrences that a DST change or the grant's validity makes differ. Without a schedule: one event "
                    + "over the validity (a whole-day event every day when the grant has no end). Revoked: no event. "
                    + "Every event has DTSTAMP and a UID that stays the same for the grant and window.")
    @ApiResponse(responseCode = "200", description = "The iCalendar file",
            content = @Content(mediaType = GrantCalendar.MEDIA_TYPE, schema = @Schema(type = "string")))
    public String schedule(@Context SecurityContext security, @PathParam("id") String id) {
        return grants.iCalendar(ApiCaller.of(security), id);
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "updateGrant", summary = "Change an active grant (every field)", description = SYNC_NOTE)
    public GrantResponse update(@Context SecurityContext security, @PathParam("id") String id, GrantRequest body) {
        SignedInUser who = ApiCaller.of(security);
        GrantRequest request = ApiInputException.required(body);
        return groupGrants.exists(who, id) ? response(who, groupGrants.update(who, id, request.toGroupDraft()))
                : response(who, grants.update(who, id, request.toDraft()));
    }

    @POST
    @Path("{id}/revoke")
    @Operation(operationId = "revokeGrant", summary = "Revoke a grant at once; revoking again keeps the first revocation",
            description = SYNC_NOTE)
    public GrantResponse revoke(@Context SecurityContext security, @PathParam("id") String id, RevokeRequest body) {
        SignedInUser who = ApiCaller.of(security);
        String reason = ApiInputException.required(body).reason();
        return groupGrants.exists(who, id) ? response(who, groupGrants.revoke(who, id, reason))
                : response(who, grants.revoke(who, id, reason));
    }
}
