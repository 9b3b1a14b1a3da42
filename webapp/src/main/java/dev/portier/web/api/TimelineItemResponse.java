package dev.portier.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.portier.domain.events.RecordedEvent;
import dev.portier.domain.events.TimelineRow;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/**
 * A row of a lock's timeline: an event's fields (as {@link EventResponse}), or only {@code gap}.
 * Flat rather than nested, so that a client reads an event row like an item of the event list.
 */
@Schema(name = "TimelineItem", description = "An event of the lock (the fields of LockEvent), or a run of entries not "
        + "received yet (only \"gap\")")
@JsonInclude(JsonInclude.Include.NON_NULL)
record TimelineItemResponse(
        String id,
        String lockId,
        String lockName,
        @Schema(description = "The lock's own sequence number; absent for events without one (cloud events)") Long entryNumber,
        @Schema(description = "When it happened, by the lock's (or vendor's) clock", example = ApiJson.INSTANT_EXAMPLE) Instant occurredAt,
        @Schema(description = "When Portier stored it", example = ApiJson.INSTANT_EXAMPLE) Instant receivedAt,
        @Schema(example = "UNLOCKED") String type,
        @Schema(description = "Free-form facts: card serial, verdict, grant id …") Map<String, String> details,
        @Schema(description = "Who delivered it", example = "driver") String source,
        @Schema(description = "The connection whose driver delivered it") String connectionId,
        @Schema(description = "Only on gap items: the entries not received yet") Gap gap) {

    @Schema(name = "TimelineGap", description = "Entry numbers between two received entries that have not arrived yet")
    record Gap(@Schema(description = "The first missing entry number", example = "17") long from,
            @Schema(description = "The last missing entry number (included)", example = "19") long to) {
    }

    static TimelineItemResponse of(TimelineRow row) {
        return switch (row) {
            case TimelineRow.Event(RecordedEvent e) -> new TimelineItemResponse(e.id(), e.lockId(), e.lockName(), e.entryNumber(),
                    e.occurredAt(), e.receivedAt(), e.type(), e.details(), e.source(), e.connectionId(), null);
            case TimelineRow.Gap g -> new TimelineItemResponse(null, null, null, null, null, null, null, null, null, null,
                    new Gap(g.from(), g.to()));
        };
    }
}
