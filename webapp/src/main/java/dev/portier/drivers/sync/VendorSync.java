package dev.portier.drivers.sync;

import java.time.Instant;

/**
 * Where one grant × lock × holder stands at its vendor, for the grant's page, the API and the dashboard.
 *
 * @param lockName        the lock's name, or its id when the lock is gone
 * @param holder          {@code person:<id>} or {@code card:<id>}
 * @param retryAt         when the worker tries next (PENDING: now or soon; RETRYING: after the backoff); {@code null} otherwise
 * @param lastError       why the last attempt failed (RETRYING, FAILED), else {@code null}
 * @param vendorReference the vendor's id of what represents the grant, once a push succeeded
 */
public record VendorSync(String grantId, String lockId, String lockName, String holder, String connectionId,
        Desired desired, SyncState state, int attempts, Instant retryAt, String lastError, String vendorReference,
        Instant changedAt, Instant appliedAt) {

    /** In a few words: "Pending", "Applied", "Withdrawn", "Retrying", "Failed", "Withdrawal pending" … */
    public String summary() {
        if (desired == Desired.WITHDRAW) {
            return switch (state) {
                case APPLIED -> "Withdrawn";
                case PENDING -> "Withdrawal pending";
                case RETRYING -> "Withdrawal retrying";
                case FAILED -> "Withdrawal failed";
            };
        }
        return state.label();
    }
}
