package dev.portier.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.portier.domain.events.RecordedEvent;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/** A lock event as the API shows it. */
@Schema(name = "LockEvent", description = "Something that happened at a lock, as it reached Portier")
@JsonInclude(JsonInclude.Include.NON_NULL)
record EventResponse(
        String id,
        String lockId,
        String lockName,
        @Schema(description = "The lock's own sequence number; absent for events without one (cloud events)") Long entryNumber,
        @Schema(description = "When it happened, by the lock's (or vendor's) clock", example = ApiJson.INSTANT_EXAMPLE) Instant occurredAt,
        @Schema(description = "When Portier stored it", example = ApiJson.INSTANT_EXAMPLE) Instant receivedAt,
        @Schema(example = "UNLOCKED") String type,
        @Schema(description = "Free-form facts: card serial, verdict, grant id …") Map<String, String> details,
        @Schema(description = "Who delivered it", example = "driver") String source,
        @Schema(description = "The connection whose driver delivered it") String connectionId) {

    static EventResponse of(RecordedEvent e) {
        return new EventResponse(e.id(), e.lockId(), e.lockName(), e.entryNumber(), e.occurredAt(), e.receivedAt(), e.type(),
                e.details(), e.source(), e.connectionId());
    }
}
