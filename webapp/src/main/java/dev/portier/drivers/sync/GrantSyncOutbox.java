package dev.portier.drivers.sync;

import static dev.portier.platform.db.EpochColumns.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The table {@code grant_syncs}: Portier's desired state per grant × lock × holder and what the vendor
 * answered. Written in the grant's own transaction (desired state) and by the worker (outcomes). An
 * outcome is stored only when the row has not changed since the attempt read it, so a grant changed
 * during a slow call is simply tried again.
 */
final class GrantSyncOutbox {

    private static final RowMapper<OutboxEntry> MAPPER = new EntryMapper();
    private static final String KEY = " WHERE grant_id = :grantId AND lock_id = :lockId AND holder = :holder";
    private static final String UNCHANGED = " AND changed_at = :seen";

    private GrantSyncOutbox() {
    }

    static List<OutboxEntry> ofGrant(Handle h, String accountId, String grantId) {
        return h.createQuery("SELECT * FROM grant_syncs WHERE grant_id = :grantId AND account_id = :accountId "
                        + "ORDER BY lock_id, holder")
                .bind("grantId", grantId).bind("accountId", accountId).map(MAPPER).list();
    }

    static Optional<OutboxEntry> find(Handle h, OutboxEntry.Key key) {
        return bound(h.createQuery("SELECT * FROM grant_syncs" + KEY), key).map(MAPPER).findOne();
    }

    /**
     * Sets what Portier wants now: the row becomes PENDING and due at once, its attempts and error cleared.
     * The vendor reference stays, for the next push or the withdrawal.
     */
    static void want(Handle h, OutboxEntry.Key key, String accountId, String connectionId, Desired desired, Instant now) {
        h.createUpdate("INSERT INTO grant_syncs (grant_id, lock_id, holder, account_id, connection_id, desired, state, attempts, "
                        + "next_attempt_at, changed_at) VALUES (:grantId, :lockId, :holder, :accountId, :connectionId, :desired, "
                        + "'PENDING', 0, :now, :now) ON CONFLICT (grant_id, lock_id, holder) DO UPDATE SET "
                        + "connection_id = excluded.connection_id, desired = excluded.desired, state = 'PENDING', attempts = 0, "
                        + "next_attempt_at = excluded.next_attempt_at, last_error = NULL, revocation_stage = NULL, "
                        + "exposed_until = NULL, revocation_detail = NULL, progress_due_at = NULL, progress_checks = 0, "
                        // Strictly later than before, so an attempt in flight sees the change even within one millisecond
                        // (CASE: SQLite's two-argument MAX is PostgreSQL's GREATEST).
                        + "changed_at = CASE WHEN excluded.changed_at > grant_syncs.changed_at THEN excluded.changed_at "
                        + "ELSE grant_syncs.changed_at + 1 END")
                .bind("grantId", key.grantId()).bind("lockId", key.lockId()).bind("holder", key.holder()).bind("accountId", accountId).bind("connectionId", connectionId)
                .bind("desired", desired.name()).bind("now", now).execute();
    }

    /** How many rows wait for an attempt (due now or retrying later). */
    static long waiting(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM grant_syncs WHERE next_attempt_at IS NOT NULL").mapTo(Long.class).one();
    }

    /** When the longest-waiting row last changed (epoch milliseconds), if any row waits. */
    static java.util.Optional<Long> oldestWaitingSince(Handle h) {
        // MIN over no rows is one NULL row.
        return h.createQuery("SELECT MIN(changed_at) FROM grant_syncs WHERE next_attempt_at IS NOT NULL")
                .map((rs, ctx) -> {
                    long millis = rs.getLong(1);
                    return rs.wasNull() ? java.util.Optional.<Long>empty() : java.util.Optional.of(millis);
                }).one();
    }

    /** Rows due at {@code now}: withdrawals first (a revocation must not wait behind pushes), then the oldest. */
    static List<OutboxEntry> due(Handle h, Instant now, int limit) {
        return h.createQuery("SELECT * FROM grant_syncs WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= :now "
                        + "ORDER BY CASE desired WHEN 'WITHDRAW' THEN 0 ELSE 1 END, next_attempt_at, changed_at LIMIT :limit")
                .bind("now", now).bind("limit", limit).map(MAPPER).list();
    }

    /** The vendor holds what the row wanted at {@code seen}: a push keeps the vendor's reference, a withdrawal forgets it. */
    static boolean applied(Handle h, OutboxEntry attempted, String vendorReference, Instant now) {
        return h.createUpdate("UPDATE grant_syncs SET state = 'APPLIED', vendor_reference = :reference, applied_at = :now, "
                        + "next_attempt_at = NULL, last_error = NULL, attempts = attempts + 1" + KEY + UNCHANGED)
                .bind("grantId", attempted.grantId()).bind("lockId", attempted.lockId()).bind("holder", attempted.holder()).bind("reference", vendorReference).bind("now", now)
                .bind("seen", attempted.changedAt()).execute() == 1;
    }

    /**
     * A withdrawal succeeded: keep what was withdrawn and follow the revocation ({@link GrantSync#progress}) from
     * {@code now}. Only when the row is still that withdrawal.
     */
    static void followRevocation(Handle h, OutboxEntry attempted, String withdrawnReference, Instant now) {
        h.createUpdate("UPDATE grant_syncs SET withdrawn_reference = :reference, revocation_stage = 'REQUESTED', "
                        + "progress_due_at = :now, progress_checks = 0" + KEY + UNCHANGED)
                .bind("grantId", attempted.grantId()).bind("lockId", attempted.lockId()).bind("holder", attempted.holder())
                .bind("reference", withdrawnReference).bind("now", now).bind("seen", attempted.changedAt()).execute();
    }

    /** Withdrawn rows whose revocation is to be asked about now. */
    static List<Revocation> revocationsDue(Handle h, Instant now, int limit) {
        return h.createQuery("SELECT * FROM grant_syncs WHERE desired = 'WITHDRAW' AND state = 'APPLIED' "
                        + "AND progress_due_at IS NOT NULL AND progress_due_at <= :now ORDER BY progress_due_at LIMIT :limit")
                .bind("now", now).bind("limit", limit).map(GrantSyncOutbox::revocation).list();
    }

    private static Revocation revocation(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Revocation(MAPPER.map(rs, ctx), rs.getString("withdrawn_reference"), rs.getString("revocation_stage"),
                instant(rs, "exposed_until"), rs.getString("revocation_detail"), rs.getInt("progress_checks"));
    }

    /** What the vendor said of a revocation; {@code next} null when it has reached the lock. */
    static void progressed(Handle h, OutboxEntry asked, String stage, Instant exposedUntil, String detail, Instant next) {
        h.createUpdate("UPDATE grant_syncs SET revocation_stage = :stage, exposed_until = :until, revocation_detail = :detail, "
                        + "progress_due_at = :next, progress_checks = progress_checks + 1" + KEY + UNCHANGED)
                .bind("grantId", asked.grantId()).bind("lockId", asked.lockId()).bind("holder", asked.holder())
                .bind("stage", stage).bind("until", exposedUntil).bind("detail", detail == null ? null : clip(detail))
                .bind("next", next).bind("seen", asked.changedAt()).execute();
    }

    /** A revocation the vendor could not report on this time: asked again at {@code next}, the error kept as detail. */
    static void progressUnknown(Handle h, OutboxEntry asked, String error, Instant next) {
        h.createUpdate("UPDATE grant_syncs SET revocation_detail = :detail, progress_due_at = :next, "
                        + "progress_checks = progress_checks + 1" + KEY + UNCHANGED)
                .bind("grantId", asked.grantId()).bind("lockId", asked.lockId()).bind("holder", asked.holder())
                .bind("detail", clip("Could not ask the vendor: " + error)).bind("next", next).bind("seen", asked.changedAt())
                .execute();
    }

    /** The account's revocations at grant-syncing vendors that have not reached their lock yet, the latest first. */
    static List<Revocation> revocationsUnderWay(Handle h, String accountId, int limit) {
        return h.createQuery("SELECT * FROM grant_syncs WHERE account_id = :accountId AND desired = 'WITHDRAW' "
                        + "AND state = 'APPLIED' AND revocation_stage IS NOT NULL AND revocation_stage <> 'REACHED_LOCK' "
                        + "ORDER BY applied_at DESC LIMIT :limit")
                .bind("accountId", accountId).bind("limit", limit).map(GrantSyncOutbox::revocation).list();
    }

    /** A withdrawn row with what is known of its revocation. */
    record Revocation(OutboxEntry entry, String withdrawnReference, String stage, Instant exposedUntil, String detail, int checks) {
    }

    /** A push succeeded while the row changed: keep what the vendor now holds, for the next push or withdrawal. */
    static void remember(Handle h, OutboxEntry.Key key, String vendorReference) {
        bound(h.createUpdate("UPDATE grant_syncs SET vendor_reference = :reference" + KEY), key)
                .bind("reference", vendorReference).execute();
    }

    static void retry(Handle h, OutboxEntry attempted, String error, Instant at) {
        h.createUpdate("UPDATE grant_syncs SET state = 'RETRYING', attempts = attempts + 1, next_attempt_at = :at, "
                        + "last_error = :error" + KEY + UNCHANGED)
                .bind("grantId", attempted.grantId()).bind("lockId", attempted.lockId()).bind("holder", attempted.holder()).bind("at", at).bind("error", clip(error)).bind("seen", attempted.changedAt())
                .execute();
    }

    /** Marks the row failed unless its desired state changed meanwhile; answers whether it did. */
    static boolean fail(Handle h, OutboxEntry attempted, String reason) {
        return 1 == h.createUpdate("UPDATE grant_syncs SET state = 'FAILED', attempts = attempts + 1, next_attempt_at = NULL, "
                        + "last_error = :error" + KEY + UNCHANGED)
                .bind("grantId", attempted.grantId()).bind("lockId", attempted.lockId()).bind("holder", attempted.holder()).bind("error", clip(reason)).bind("seen", attempted.changedAt()).execute();
    }

    /** The account's failed rows, the latest first. */
    static List<OutboxEntry> failed(Handle h, String accountId, int limit) {
        return h.createQuery("SELECT * FROM grant_syncs WHERE account_id = :accountId AND state = 'FAILED' "
                        + "ORDER BY changed_at DESC LIMIT :limit")
                .bind("accountId", accountId).bind("limit", limit).map(MAPPER).list();
    }

    static int countFailed(Handle h, String accountId) {
        return h.createQuery("SELECT COUNT(*) FROM grant_syncs WHERE account_id = :accountId AND state = 'FAILED'")
                .bind("accountId", accountId).mapTo(Integer.class).one();
    }

    /** A grant named by the outbox. */
    record GrantRef(String accountId, String grantId) {
    }

    /** Grants of which a vendor should hold something: the sweep checks they still should. */
    static List<GrantRef> grantsWithPushes(Handle h) {
        return h.createQuery("SELECT DISTINCT account_id, grant_id FROM grant_syncs WHERE desired = 'PUSH'")
                .map((rs, ctx) -> new GrantRef(rs.getString(1), rs.getString(2))).list();
    }

    private static <S extends SqlStatement<S>> S bound(S statement, OutboxEntry.Key key) {
        return statement.bind("grantId", key.grantId()).bind("lockId", key.lockId()).bind("holder", key.holder());
    }

    private static String clip(String text) {
        String value = text == null || text.isBlank() ? "Unknown error" : text.strip();
        return value.length() <= 1000 ? value : value.substring(0, 999) + "…";
    }

    private static final class EntryMapper implements RowMapper<OutboxEntry> {
        @Override
        public OutboxEntry map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new OutboxEntry(rs.getString("grant_id"), rs.getString("lock_id"), rs.getString("holder"),
                    rs.getString("account_id"), rs.getString("connection_id"), Desired.valueOf(rs.getString("desired")),
                    SyncState.valueOf(rs.getString("state")), rs.getString("vendor_reference"), rs.getInt("attempts"),
                    instant(rs, "next_attempt_at"), rs.getString("last_error"), instant(rs, "changed_at"),
                    instant(rs, "applied_at"));
        }
    }
}
