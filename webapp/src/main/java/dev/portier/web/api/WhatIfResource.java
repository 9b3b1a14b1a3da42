package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.access.whatif.WhatIfs;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.groups.GroupKind;
import dev.portier.domain.groups.GroupService;
import dev.portier.identity.accounts.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code /api/v1/what-if}: the grant requests of {@code /api/v1/grants} and the membership changes of
 * {@code /api/v1/people-groups} and {@code /api/v1/lock-groups}, rehearsed and rolled back ({@link WhatIfs}):
 * who would gain and lose which locks. The same checks as saving apply (400, 404, 403), and nothing is saved, audited,
 * published or sent to a vendor.
 */
@Path("v1/what-if")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "What-if", description = "What a change would do to who can open what, before it is saved")
@Singleton
public final class WhatIfResource {

    private static final String NOTE = "Runs the change exactly as saving would, in a transaction that is rolled back: nothing is "
            + "saved, audited, published as a webhook or sent to a vendor.";

    private final WhatIfs whatIfs;
    private final GrantService grants;
    private final GroupService groups;

    @Inject
    WhatIfResource(WhatIfs whatIfs, GrantService grants, GroupService groups) {
        this.whatIfs = whatIfs;
        this.grants = grants;
        this.groups = groups;
    }

    @POST
    @Path("people-groups/{id}/members")
    @Operation(operationId = "whatIfAddPeopleGroupMembers", summary = "What adding these people to the people group would change",
            description = NOTE)
    public WhatIfResponse addPeople(@Context SecurityContext security, @PathParam("id") String id, MembersRequest body) {
        return members(security, GroupKind.PEOPLE, id, body, true);
    }

    @POST
    @Path("people-groups/{id}/members/remove")
    @Operation(operationId = "whatIfRemovePeopleGroupMembers", summary = "What removing these people from the people group would "
            + "change", description = NOTE)
    public WhatIfResponse removePeople(@Context SecurityContext security, @PathParam("id") String id, MembersRequest body) {
        return members(security, GroupKind.PEOPLE, id, body, false);
    }

    @POST
    @Path("lock-groups/{id}/members")
    @Operation(operationId = "whatIfAddLockGroupMembers", summary = "What adding these locks to the lock group would change",
            description = NOTE)
    public WhatIfResponse addLocks(@Context SecurityContext security, @PathParam("id") String id, MembersRequest body) {
        return members(security, GroupKind.LOCKS, id, body, true);
    }

    @POST
    @Path("lock-groups/{id}/members/remove")
    @Operation(operationId = "whatIfRemoveLockGroupMembers", summary = "What removing these locks from the lock group would change",
            description = NOTE)
    public WhatIfResponse removeLocks(@Context SecurityContext security, @PathParam("id") String id, MembersRequest body) {
        return members(security, GroupKind.LOCKS, id, body, false);
    }

    private WhatIfResponse members(SecurityContext security, GroupKind kind, String id, MembersRequest body, boolean add) {
        SignedInUser who = ApiCaller.of(security);
        MembersRequest request = ApiInputException.required(body);
        return WhatIfResponse.of(whatIfs.of(who, () -> add ? groups.addMembers(who, kind, id, request.ids())
                : groups.removeMembers(who, kind, id, request.ids())));
    }

    @POST
    @Path("grants")
    @Operation(operationId = "whatIfCreateGrant", summary = "What creating this grant would change", description = NOTE)
    public WhatIfResponse create(@Context SecurityContext security, GrantRequest body) {
        SignedInUser who = ApiCaller.of(security);
        GrantRequest request = ApiInputException.required(body);
        return WhatIfResponse.of(whatIfs.of(who, () -> grants.create(who, request.toDraft())));
    }

    @POST
    @Path("grants/{id}")
    @Operation(operationId = "whatIfUpdateGrant", summary = "What changing this grant (as PUT /grants/{id}) would change",
            description = NOTE)
    public WhatIfResponse update(@Context SecurityContext security, @PathParam("id") String id, GrantRequest body) {
        SignedInUser who = ApiCaller.of(security);
        GrantRequest request = ApiInputException.required(body);
        return WhatIfResponse.of(whatIfs.of(who, () -> grants.update(who, id, request.toDraft())));
    }

    @POST
    @Path("grants/{id}/revoke")
    @Operation(operationId = "whatIfRevokeGrant", summary = "What revoking this grant would change", description = NOTE)
    public WhatIfResponse revoke(@Context SecurityContext security, @PathParam("id") String id, RevokeRequest body) {
        SignedInUser who = ApiCaller.of(security);
        RevokeRequest request = ApiInputException.required(body);
        return WhatIfResponse.of(whatIfs.of(who, () -> grants.revoke(who, id, request.reason())));
    }
}
