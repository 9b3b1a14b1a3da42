package dev.portier.drivers.trust;

import static dev.portier.platform.db.EpochColumns.instant;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.PageRequest;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.SignedInUser;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * For every revoked key that has not expired yet: has its lock confirmed (through a phone) a list that
 * contains it — or a watermark past its issue — and if not, until when the key could still open the
 * lock. The answer to "is the key I revoked really dead?".
 */
@Singleton
public final class RevocationExposure {

    /** Revoked phone and card keys alike: a card key has no device, and its person is the card's holder, if any. */
    private static final String KEYS = "(SELECT k.id, k.account_id, k.lock_id, k.state, k.ended_at, k.end_reason, k.revoked_in, "
            + "k.not_after, p.name AS person_name, d.name AS device_name, NULL AS card_serial FROM device_keys k "
            + "JOIN devices d ON d.id = k.device_id JOIN people p ON p.id = d.person_id "
            + "UNION ALL SELECT k.id, k.account_id, k.lock_id, k.state, k.ended_at, k.end_reason, k.revoked_in, k.not_after, "
            + "p.name AS person_name, NULL AS device_name, c.serial_number AS card_serial FROM card_keys k "
            + "JOIN cards c ON c.id = k.card_id LEFT JOIN people p ON p.id = c.person_id)";
    private static final String FROM = "FROM " + KEYS + " k JOIN locks l ON l.id = k.lock_id "
            + "LEFT JOIN revocation_lists r ON r.lock_id = k.lock_id "
            + "WHERE k.account_id = :accountId AND k.state = 'REVOKED' AND k.not_after > :now ";

    private final Database database;
    private final Authorization authorization;
    private final Clock clock;

    @Inject
    RevocationExposure(Database database, Authorization authorization, Clock clock) {
        this.database = database;
        this.authorization = authorization;
        this.clock = clock;
    }

    /**
     * @param personName   whose phone held the key, or whose card (null for a card of nobody)
     * @param deviceName   the phone that held it; null for a card key
     * @param cardSerial   the card that held it; null for a phone key
     * @param confirmed    whether the lock reported a list version that refuses the key
     * @param exposedUntil when the key stops opening the lock by itself (its end), if not confirmed; else null
     */
    public record ExposedKey(String keyId, String personName, String deviceName, String lockId, String lockName, Instant revokedAt,
            String reason, Long revokedInVersion, long confirmedVersion, Instant confirmedAt, boolean confirmed,
            Instant exposedUntil, Instant notAfter, String cardSerial) {
    }

    public List<ExposedKey> list(SignedInUser who, boolean unconfirmedOnly, PageRequest page) {
        authorization.require(who, Role.VIEWER);
        Instant now = clock.instant();
        return database.jdbi().withHandle(h -> h.createQuery("SELECT k.id, k.person_name, k.device_name, k.card_serial, "
                        + "k.lock_id, l.name AS lock_name, k.ended_at, k.end_reason, k.revoked_in, k.not_after, "
                        + "r.confirmed_version, r.confirmed_at " + FROM + filter(unconfirmedOnly)
                        + "ORDER BY k.not_after DESC, k.id LIMIT :limit OFFSET :offset")
                .bind("accountId", who.accountId()).bind("now", now).bind("limit", page.limit()).bind("offset", page.offset())
                .map((rs, ctx) -> {
                    // getLong + wasNull: sqlite-jdbc's getObject(…, Long.class) refuses some stored forms of the number.
                    long revokedVersion = rs.getLong("revoked_in");
                    Long revokedIn = rs.wasNull() ? null : revokedVersion;
                    long confirmedVersion = rs.getLong("confirmed_version");
                    Instant notAfter = Instant.ofEpochMilli(rs.getLong("not_after"));
                    boolean confirmed = revokedIn != null && confirmedVersion >= revokedIn;
                    return new ExposedKey(rs.getString("id"), rs.getString("person_name"), rs.getString("device_name"),
                            rs.getString("lock_id"), rs.getString("lock_name"), Instant.ofEpochMilli(rs.getLong("ended_at")),
                            rs.getString("end_reason"), revokedIn, confirmedVersion,
                            instant(rs, "confirmed_at"), confirmed,
                            confirmed ? null : notAfter, notAfter, rs.getString("card_serial"));
                }).list());
    }

    public int count(SignedInUser who, boolean unconfirmedOnly) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) " + FROM + filter(unconfirmedOnly))
                .bind("accountId", who.accountId()).bind("now", clock.instant()).mapTo(Integer.class).one());
    }

    private static String filter(boolean unconfirmedOnly) {
        return unconfirmedOnly ? "AND (k.revoked_in IS NULL OR r.confirmed_version IS NULL OR r.confirmed_version < k.revoked_in) " : "";
    }
}
