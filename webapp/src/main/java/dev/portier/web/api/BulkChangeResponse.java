package dev.portier.web.api;

import dev.portier.access.bulk.BulkAction;
import dev.portier.access.bulk.BulkChangeRun;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** An applied bulk change and how far it is. */
public record BulkChangeResponse(String id, BulkAction action,
        @Schema(example = "Grant all of Oslo office to 3 people") String summary,
        @Schema(description = "RUNNING (in the background), DONE (committed) or FAILED (nothing saved)") BulkChangeRun.State state,
        @Schema(description = "People and cards selected") int subjects,
        @Schema(description = "People and cards handled so far") int done,
        @Schema(description = "Grants created or revoked; for ADD_TO_GROUP people added to the group (when DONE)")
        int grantsChanged,
        @Schema(description = "One line per grant created or revoked, or membership change (when DONE)") List<String> items,
        @Schema(nullable = true) String error, String createdBy, Instant createdAt,
        @Schema(nullable = true) Instant finishedAt) {

    static BulkChangeResponse of(BulkChangeRun r) {
        return new BulkChangeResponse(r.id(), r.action(), r.summary(), r.state(), r.subjects(), r.done(), r.grantsChanged(), r.items(),
                r.error(), r.createdBy(), r.createdAt(), r.finishedAt());
    }
}
