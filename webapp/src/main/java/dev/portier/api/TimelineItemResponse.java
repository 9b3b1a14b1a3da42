package dev.portier.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.portier.events.TimelineRow;
import io.swagger.v3.oas.annotations.media.Schema;

/** A row of a lock's timeline: an event's fields, or only {@code gap}. */
@Schema(name = "TimelineItem", description = "An event of the lock (its fields), or a gap: entries not received yet (only \"gap\")")
@JsonInclude(JsonInclude.Include.NON_NULL)
record TimelineItemResponse(@JsonUnwrapped @Schema(implementation = EventResponse.class) EventResponse event, Gap gap) {

    @Schema(name = "TimelineGap", description = "Entry numbers between two received entries that have not arrived yet")
    record Gap(@Schema(description = "The first missing entry number", example = "17") long from,
            @Schema(description = "The last missing entry number (included)", example = "19") long to) {
    }

    static TimelineItemResponse of(TimelineRow row) {
        return switch (row) {
            case TimelineRow.Event e -> new TimelineItemResponse(EventResponse.of(e.event()), null);
            case TimelineRow.Gap g -> new TimelineItemResponse(null, new Gap(g.from(), g.to()));
        };
    }
}
