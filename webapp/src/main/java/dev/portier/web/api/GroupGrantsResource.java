package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.domain.grants.GroupGrant;
import dev.portier.domain.grants.GroupGrantService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.util.List;

/**
 * {@code /api/v1/group-grants}: the account's group grants, each once (their member grants are at
 * {@code /api/v1/grants?groupGrantId=…}). They are created, read, changed and revoked at {@code /api/v1/grants}.
 */
@Path("v1/group-grants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Grants")
@Singleton
public final class GroupGrantsResource {

    private final GroupGrantService groupGrants;
    private final Clock clock;

    @Inject
    GroupGrantsResource(GroupGrantService groupGrants, Clock clock) {
        this.groupGrants = groupGrants;
        this.clock = clock;
    }

    @GET
    @Operation(operationId = "listGroupGrants", summary = "List group grants (a people group and/or a lock group), newest first",
            description = "Each with its number of active member grants; `sync` is left empty here (see each grant).")
    public List<GrantResponse> list(@Context SecurityContext security) {
        List<GroupGrant> all = groupGrants.list(ApiCaller.of(security));
        return all.stream().map(g -> GrantResponse.of(g, clock.instant(), List.of())).toList();
    }
}
