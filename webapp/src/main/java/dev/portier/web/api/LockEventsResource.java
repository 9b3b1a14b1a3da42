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
import java.util.List;

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
                    + "by the time they occurred. A gap disappears once its entries arrive. Pages by offset or, stable while events "
                    + "arrive, by cursor.")
    public Page<TimelineItemResponse> timeline(@Context SecurityContext security, @PathParam("lockId") String lockId,
            @BeanParam CursorPageParameters paging) {
        SignedInUser who = ApiCaller.of(security);
        PageRequest first = paging.toPageRequest();
        int total = timeline.count(who, lockId);
        if (!paging.byCursor()) {
            // Positions come with the keyset query: the offset page is read through it after skipping.
            Page<TimelineItemResponse> plain = Page.of(timeline.page(who, lockId, first).stream().map(TimelineItemResponse::of).toList(),
                    total, first);
            if (first.offset() + plain.items().size() >= total || plain.items().size() < first.limit()) {
                return plain;
            }
            List<LockTimeline.PositionedRow> upTo = timeline.after(who, lockId, null, first.offset() + first.limit());
            String next = upTo.isEmpty() ? null : Cursor.encode("timeline", keyOf(upTo.get(upTo.size() - 1).position()));
            return new Page<>(plain.items(), total, first.offset(), first.limit(), next);
        }
        return paging.page("timeline", 4, total,
                (key, limit) -> timeline.after(who, lockId, new LockTimeline.Position(key.get(0).asInt(), key.get(1).asLong(),
                        key.get(2).asInt(), key.get(3).asText()), limit),
                row -> keyOf(row.position()), row -> TimelineItemResponse.of(row.row()), page -> List.of());
    }

    private static Object[] keyOf(LockTimeline.Position position) {
        return new Object[] {position.section(), position.pos(), position.sub(), position.eventId()};
    }
}
