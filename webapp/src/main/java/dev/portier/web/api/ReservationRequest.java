package dev.portier.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.portier.domain.reservations.ReservationDraft;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A vehicle booking to create, or a scheduled booking's new state (PUT replaces every field).
 * Permissions, privileges and end-book conditions use the vendor's names. Read-only fields of a
 * response are ignored.
 */
@JsonIgnoreProperties({"id", "lockName", "personName", "cards", "state", "vendorKeyId", "createdAt", "createdBy", "cancelledAt",
        "cancelledBy"})
public record ReservationRequest(
        @Schema(description = "The vehicle: a lock of kind VEHICLE", requiredMode = Schema.RequiredMode.REQUIRED) String lockId,
        @Schema(description = "The person who books it", requiredMode = Schema.RequiredMode.REQUIRED) String personId,
        @ArraySchema(uniqueItems = true, schema = @Schema(description = "Active tap cards of the account that may open the vehicle"))
        List<String> cardIds,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2026-05-01T08:00:00Z") Instant begin,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2026-05-01T16:00:00Z") Instant end,
        @ArraySchema(minItems = 1, uniqueItems = true, schema = @Schema(allowableValues = {"Lock", "Unlock", "IgnitionEnable",
                "IgnitionInhibit", "CheckIn", "CheckOut", "Locate"})) Set<String> permissions,
        @ArraySchema(uniqueItems = true, schema = @Schema(allowableValues = {"ResetAtEndOfBooking"})) Set<String> privileges,
        @ArraySchema(uniqueItems = true, schema = @Schema(allowableValues = {"IgnitionOff"})) Set<String> endBookConditions) {

    ReservationDraft toDraft() {
        return new ReservationDraft(lockId, personId, cardIds == null ? List.of() : cardIds, begin, end,
                permissions == null ? Set.of() : permissions, privileges == null ? Set.of() : privileges,
                endBookConditions == null ? Set.of() : endBookConditions);
    }
}
