package dev.portier.drivers.trust;

import static dev.portier.platform.db.EpochColumns.instant;

import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import dev.portier.drivers.connections.ConnectionRuntime;
import dev.portier.platform.db.Database;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockService;
import dev.portier.plugin.api.RevocationPublishing;
import dev.portier.plugin.api.RevocationPublishing.RevokedKey;
import dev.portier.plugin.api.RevocationPublishing.SignedRevocationList;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each enrolled lock's signed list of revoked keys (phone and card keys) that have not expired yet, built by the lock's
 * driver ({@link RevocationPublishing}) and carried to the lock by phones. A list grows by one version
 * with every change; the lock keeps the highest version it has seen and reports it back through phones.
 *
 * <p>When more revoked keys are live than the lock can hold, the lock's minimum-issue watermark moves to
 * now: every key issued before it is refused by the lock, so the revoked ones drop off the list, and the
 * keys still valid are re-issued after the watermark. A revoked key is never silently trusted.
 */
@Singleton
public final class RevocationLists {

    private static final Logger log = LoggerFactory.getLogger(RevocationLists.class);
    private static final String REISSUED = "Re-issued: the lock's revocation list was full";

    private final Database database;
    private final ConnectionRuntime runtime;
    private final Clock clock;
    private final AccountLocks locks;
    private final Provider<KeyIssuer> keys;
    private final Provider<CardKeyIssuer> cardKeys;

    @Inject
    RevocationLists(Database database, ConnectionRuntime runtime, Clock clock, AccountLocks locks, Provider<KeyIssuer> keys,
            Provider<CardKeyIssuer> cardKeys) {
        this.database = database;
        this.runtime = runtime;
        this.clock = clock;
        this.locks = locks;
        this.keys = keys;
        this.cardKeys = cardKeys;
    }

    /** A lock's list as Portier last published it, and the version the lock confirmed. */
    public record LockList(String lockId, long version, Instant minIssuedAt, int entries, String payload, Instant publishedAt,
            boolean stale, long confirmedVersion, Instant confirmedAt) {
    }

    private record Confirmed(long version, Instant at) {
    }

    /** Notes in the caller's transaction that the lock's list must be published again. */
    static void markStale(Handle h, String accountId, String lockId) {
        int updated = h.createUpdate("UPDATE revocation_lists SET stale = 1 WHERE lock_id = :lockId").bind("lockId", lockId).execute();
        if (updated == 0) {
            h.createUpdate("INSERT INTO revocation_lists (lock_id, account_id, version, entries, stale, confirmed_version) "
                    + "VALUES (:lockId, :accountId, 0, 0, 1, 0)").bind("lockId", lockId).bind("accountId", accountId).execute();
        }
    }

    /** Publishes every list of the account that changed; a lock whose driver fails stays stale for the next try. */
    public void publishStale(String accountId) {
        List<String> stale = database.jdbi().withHandle(h -> h.createQuery(
                        "SELECT lock_id FROM revocation_lists WHERE account_id = :accountId AND stale = 1")
                .bind("accountId", accountId).mapTo(String.class).list());
        for (String lockId : stale) {
            try {
                publish(accountId, lockId);
            } catch (RuntimeException e) {
                log.warn("The revocation list of lock {} could not be published now; it stays due", lockId, e);
            }
        }
    }

    /** Builds, signs and stores the lock's next list version. */
    public LockList publish(String accountId, String lockId) {
        return locks.with(accountId, () -> {
            Instant now = clock.instant();
            Lock lock = database.jdbi().withHandle(h -> LockService.find(h, accountId, lockId));
            String connectionId = database.jdbi().withHandle(h -> LockEnrolments.find(h, accountId, lockId))
                    .orElseThrow(() -> new NotFoundException("enrolment")).connectionId();
            LockList current = find(accountId, lockId, false).orElse(null);
            Instant min = current == null ? null : current.minIssuedAt();
            List<RevokedKey> revoked = revoked(lockId, min, now);
            int capacity = DriverOutcomes.valueOf(runtime.callCapability(connectionId, RevocationPublishing.class,
                    "tell its list capacity", driver -> driver.capacity(LockEnrolments.ref(lock))), "capacity");
            if (revoked.size() > capacity) {
                min = now.truncatedTo(ChronoUnit.MILLIS);
                reissueBefore(accountId, lockId, min);
                revoked = revoked(lockId, min, now);
            }
            long version = (current == null ? 0 : current.version()) + 1;
            Instant watermark = min;
            List<RevokedKey> entries = revoked;
            SignedRevocationList list = DriverOutcomes.valueOf(runtime.callCapability(connectionId, RevocationPublishing.class,
                    "publish revocation list", driver -> driver.publish(LockEnrolments.ref(lock), version, watermark, entries)),
                    "list");
            String payload = Base64Url.encode(list.payload());
            Confirmed confirmed = database.jdbi().inTransaction(h -> {
                if (current == null) {
                    markStale(h, accountId, lockId); // the lock's first list: its row
                }
                // One write of the row (and its payload of up to a few hundred kB), not one to mark it and one to fill it.
                h.createUpdate("UPDATE revocation_lists SET version = :version, min_issued_at = :min, entries = :entries, "
                                + "payload = :payload, published_at = :now, stale = 0 WHERE lock_id = :lockId")
                        .bind("version", version).bind("min", watermark).bind("entries", entries.size())
                        .bind("payload", payload).bind("now", now).bind("lockId", lockId).execute();
                for (String table : List.of("device_keys", "card_keys")) {
                    // The partial indexes *_unlisted hold exactly these keys (V38).
                    h.createUpdate("UPDATE " + table + " SET revoked_in = :version WHERE lock_id = :lockId AND state = 'REVOKED' "
                            + "AND revoked_in IS NULL").bind("version", version).bind("lockId", lockId).execute();
                }
                return h.createQuery("SELECT confirmed_version, confirmed_at FROM revocation_lists WHERE lock_id = :lockId")
                        .bind("lockId", lockId).map((rs, ctx) -> new Confirmed(rs.getLong("confirmed_version"),
                                instant(rs, "confirmed_at"))).one();
            });
            // What was just written, without reading the payload back.
            return new LockList(lockId, version, watermark, entries.size(), payload, now.truncatedTo(ChronoUnit.MILLIS), false,
                    confirmed.version(),
                    confirmed.at());
        });
    }

    /**
     * A lock's list version as a phone saw it on the lock. Versions only rise; one above what Portier
     * published is refused (the phone is confused or lying).
     */
    public void confirm(String accountId, String lockId, long version) {
        LockList list = find(accountId, lockId).orElseThrow(() -> new NotFoundException("revocation list"));
        if (version < 0 || version > list.version()) {
            throw ValidationException.of("version", "Portier has published versions up to " + list.version() + " for this lock");
        }
        database.jdbi().useHandle(h -> h.createUpdate("UPDATE revocation_lists SET confirmed_version = :version, "
                        + "confirmed_at = :now WHERE lock_id = :lockId AND account_id = :accountId AND confirmed_version < :version")
                .bind("version", version).bind("now", clock.instant()).bind("lockId", lockId).bind("accountId", accountId)
                .execute());
    }

    public Optional<LockList> find(String accountId, String lockId) {
        return find(accountId, lockId, true);
    }

    /** Without the payload (null), the list's bookkeeping alone: not the few hundred kB of a long list. */
    private Optional<LockList> find(String accountId, String lockId, boolean withPayload) {
        String columns = withPayload ? "*" : "lock_id, version, min_issued_at, entries, published_at, stale, confirmed_version, confirmed_at";
        return database.jdbi().withHandle(h -> h.createQuery("SELECT " + columns + " FROM revocation_lists WHERE lock_id = :lockId "
                        + "AND account_id = :accountId").bind("lockId", lockId).bind("accountId", accountId)
                .map((rs, ctx) -> new LockList(rs.getString("lock_id"), rs.getLong("version"), instant(rs, "min_issued_at"),
                        rs.getInt("entries"), withPayload ? rs.getString("payload") : null, instant(rs, "published_at"), rs.getInt("stale") == 1,
                        rs.getLong("confirmed_version"), instant(rs, "confirmed_at"))).findOne());
    }

    private List<RevokedKey> revoked(String lockId, Instant min, Instant now) {
        String live = "WHERE lock_id = :lockId AND state = 'REVOKED' AND not_after > :now AND issued_at >= :min";
        return database.jdbi().withHandle(h -> h.createQuery("SELECT id, not_after FROM device_keys " + live
                        + " UNION ALL SELECT id, not_after FROM card_keys " + live + " ORDER BY id")
                .bind("lockId", lockId).bind("now", now).bind("min", min == null ? 0L : min.toEpochMilli())
                .map((rs, ctx) -> new RevokedKey(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)))).list());
    }

    /** Re-issues the lock's live keys issued before {@code watermark}; the lock will refuse the old ones. */
    private void reissueBefore(String accountId, String lockId, Instant watermark) {
        List<String> liveCardKeys = database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM card_keys WHERE lock_id = :lockId "
                        + "AND state = 'ACTIVE' AND not_after > :now AND issued_at < :min")
                .bind("lockId", lockId).bind("now", clock.instant()).bind("min", watermark).mapTo(String.class).list());
        for (String keyId : liveCardKeys) {
            if (cardKeys.get().reissue(accountId, keyId)) {
                cardKeys.get().noteReissued(keyId, REISSUED);
            }
        }
        record Live(String id, String grantId, String deviceId, String kind, Instant notBefore, Instant notAfter) {
        }
        List<Live> live = database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM device_keys WHERE lock_id = :lockId "
                        + "AND state = 'ACTIVE' AND not_after > :now AND issued_at < :min")
                .bind("lockId", lockId).bind("now", clock.instant()).bind("min", watermark)
                .map((rs, ctx) -> new Live(rs.getString("id"), rs.getString("grant_id"), rs.getString("device_id"),
                        rs.getString("kind"), Instant.ofEpochMilli(rs.getLong("not_before")),
                        Instant.ofEpochMilli(rs.getLong("not_after")))).list());
        for (Live key : live) {
            try {
                keys.get().issueNow(accountId, key.grantId(), key.deviceId(), lockId, key.kind(), key.notBefore(), key.notAfter(),
                        key.id());
            } catch (IllegalStateException noLongerGranted) {
                continue; // the watermark refuses the old key; nothing allows a new one
            }
            database.jdbi().useHandle(h -> h.createUpdate("UPDATE device_keys SET end_reason = :reason WHERE id = :id")
                    .bind("reason", REISSUED).bind("id", key.id()).execute());
        }
    }

}
