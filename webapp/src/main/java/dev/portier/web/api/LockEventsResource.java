package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.db.PageRequest;
import dev.portier.domain.events.LockTimeline;
import dev.portier.identity.accounts.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** {@code /api/v1/locks/{lockId}/events}: one lock's timeline, through {@link LockTimeline}. */
@Path("v1/locks/{lockId}/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events", description = "What happened at the locks, as their logs and drivers report it")
@Singleton
public final class LockEventsResource {

    private final LockTimeline timeline;

    @Inject
    LockEventsResource(LockTimeline timeline) {
        this.timeline = timeline;
    }

    @GET
    @Operation(operationId = "getLockTimeline", summary = "A lock's timeline",
            description = "The lock's numbered log in entry-number order, with a gap item ({\"gap\": {\"from\": 17, \"to\": 19}}) "
                    + "wherever entries between two received ones have not arrived yet, then its events without entry number "
                    + "by the time they occurred. A gap disappears once its entries arrive.")
    public Page<TimelineItemResponse> timeline(@Context SecurityContext security, @PathParam("lockId") String lockId,
            @BeanParam PageParameters paging) {
        SignedInUser who = ApiCaller.of(security);
        PageRequest page = paging.toPageRequest();
        int total = timeline.count(who, lockId);
        return Page.of(timeline.page(who, lockId, page).stream().map(TimelineItemResponse::of).toList(), total, page);
    }
}
