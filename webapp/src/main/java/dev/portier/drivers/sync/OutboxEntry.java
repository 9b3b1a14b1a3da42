package dev.portier.drivers.sync;

import java.time.Instant;

/**
 * One row of the grant sync outbox: the desired state for a grant × lock × holder at one connection,
 * and how far the vendor has followed it.
 *
 * @param holder        {@code person:<id>} or {@code card:<id>}
 * @param nextAttemptAt when the worker tries next; {@code null} when nothing is to do (applied, failed)
 * @param changedAt     when the desired state last changed: an attempt's outcome is kept only if it
 *                      still answers that version
 */
public record OutboxEntry(String grantId, String lockId, String holder, String accountId, String connectionId,
        Desired desired, SyncState state, String vendorReference, int attempts, Instant nextAttemptAt, String lastError,
        Instant changedAt, Instant appliedAt) {

    static final String PERSON = "person:";
    static final String CARD = "card:";

    /** The key of the row. */
    record Key(String grantId, String lockId, String holder) {
    }

    Key key() {
        return new Key(grantId, lockId, holder);
    }
}
