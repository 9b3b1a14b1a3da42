package dev.portier.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockState;
import io.swagger.v3.oas.annotations.media.Schema;

/** A lock to create, or a lock's new state (PUT replaces every field). Read-only fields of a response are ignored. */
@JsonIgnoreProperties({"id", "siteName", "siteTimeZone", "createdAt", "health"})
public record LockRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String siteId,
        @Schema(example = "Main entrance", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 100) String name,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) LockKind kind,
        @Schema(description = "Plugin id of the driver; with vendorReference, or neither", example = "geotab") String driverId,
        @Schema(description = "The vendor's id of the lock, unique per driver", example = "G9A1B2C3D4E5") String vendorReference,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) LockState state,
        @Schema(description = "The connection the lock belongs to; its driver then becomes the lock's driverId") String connectionId) {

    LockDraft toDraft() {
        return new LockDraft(siteId, name, kind, driverId, vendorReference, state, connectionId);
    }
}
