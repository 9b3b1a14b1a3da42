package dev.portier.web.api;

import dev.portier.drivers.sync.Desired;
import dev.portier.drivers.sync.SyncState;
import dev.portier.drivers.sync.VendorSync;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** Where a grant stands at a grant-syncing vendor, for one lock and holder. */
@Schema(description = "Where the grant stands at the vendor of one lock it covers, for one holder. Portier applies grants "
        + "to grant-syncing vendors in the background: PENDING until the first attempt, APPLIED once the vendor holds it, "
        + "RETRYING (with retryAt) after a failure that may pass, FAILED (with lastError) when the vendor refused for good "
        + "— retried only when the grant changes.")
public record GrantSyncResponse(
        String lockId,
        String lockName,
        @Schema(description = "Who the vendor holds it for: person:<id> or card:<id>", example = "person:7f9c…") String holder,
        String connectionId,
        @Schema(description = "PUSH: the vendor should hold the grant as it is now; WITHDRAW: it should hold nothing "
                + "(revoked, expired, or the lock or holder no longer belongs)") Desired desired,
        SyncState state,
        @Schema(description = "Attempts since the desired state last changed") int attempts,
        @Schema(description = "When Portier tries next (PENDING, RETRYING); null otherwise") Instant retryAt,
        @Schema(description = "Why the last attempt failed (RETRYING, FAILED); null otherwise") String lastError,
        @Schema(description = "The vendor's id of what represents the grant, once a push succeeded") String vendorReference,
        @Schema(description = "When the desired state last changed") Instant changedAt,
        @Schema(description = "When the vendor last confirmed it") Instant appliedAt) {

    static GrantSyncResponse of(VendorSync sync) {
        return new GrantSyncResponse(sync.lockId(), sync.lockName(), sync.holder(), sync.connectionId(), sync.desired(),
                sync.state(), sync.attempts(), sync.retryAt(), sync.lastError(), sync.vendorReference(), sync.changedAt(),
                sync.appliedAt());
    }
}
