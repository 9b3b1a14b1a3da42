package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.db.PageRequest;
import dev.portier.platform.db.SqlText;
import dev.portier.domain.events.EventFilter;
import dev.portier.domain.events.EventList;
import dev.portier.domain.events.RecordedEvent;
import dev.portier.domain.events.LockTimeline;
import dev.portier.identity.accounts.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** {@code /api/v1/events}: the account's lock events, newest first, through {@link EventList}. */
@Path("v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
@Singleton
public final class EventsResource {

    private final EventList events;
    private final LockTimeline timeline;

    @Inject
    EventsResource(EventList events, LockTimeline timeline) {
        this.events = events;
        this.timeline = timeline;
    }

    @GET
    @Operation(operationId = "listEvents", summary = "List lock events", description = "Newest first, by the time they occurred. Pages by offset or, stable while events arrive, by cursor.")
    public Page<EventResponse> list(@Context SecurityContext security,
            @QueryParam("lockId") @Parameter(description = "Only this lock's events (an unknown lock is 404)") String lockId,
            @QueryParam("type") @Parameter(description = "Only events of this type", example = "UNLOCKED") String type,
            @QueryParam("from") @Parameter(description = "Occurred at or after this instant",
                    schema = @Schema(type = "string", format = "date-time", example = ApiJson.INSTANT_EXAMPLE)) String from,
            @QueryParam("to") @Parameter(description = "Occurred before this instant",
                    schema = @Schema(type = "string", format = "date-time", example = ApiJson.INSTANT_EXAMPLE)) String to,
            @QueryParam("search") @Parameter(description = "Part of the type, the details or the lock's name") String search,
            @BeanParam CursorPageParameters paging) {
        SignedInUser who = ApiCaller.of(security);
        paging.toPageRequest();
        EventFilter filter = new EventFilter(lockId, type, QueryInstants.parse("from", from), QueryInstants.parse("to", to), search);
        if (!SqlText.isBlank(lockId)) {
            timeline.lock(who, lockId.strip());
        }
        return paging.page("events", 2, events.count(who, filter),
                (key, limit) -> events.after(who, filter, cursorInstant(key.get(0)), key.get(1).asText(), limit),
                (RecordedEvent e) -> new Object[] {e.occurredAt().toString(), e.id()}, EventResponse::of,
                page -> events.list(who, filter, page));
    }

    private static java.time.Instant cursorInstant(com.fasterxml.jackson.databind.JsonNode part) {
        try {
            return java.time.Instant.parse(part.asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw Cursor.invalid();
        }
    }
}
