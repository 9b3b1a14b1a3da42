package dev.portier.drivers.trust;

import static dev.portier.platform.db.EpochColumns.instant;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.drivers.connections.PhoneMaterials;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.db.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which phone was handed which lock's material (an InVue key certificate: "the key to that lock" for whoever
 * holds it). Such a copy cannot be revoked at the lock or taken back from the phone: the mobile API stops
 * handing it out when the person's grant ends, and a phone that obeys drops it at that sync, but a phone that
 * kept a copy can open the lock until the copy — or the connection-wide certificate it chains through —
 * expires. {@link #exposed} lists those copies for the revocation exposure view.
 */
@Singleton
public final class MaterialDeliveries {

    /**
     * A copy on a phone whose person no longer holds the lock.
     *
     * @param withdrawnAt  the sync at which the phone was told to drop it; null when the phone has not synced since
     * @param exposedUntil the earliest expiry of the copy and the connection-wide material it was handed with
     *                     (the intermediate certificate); null when neither expires
     */
    public record ExposedCopy(String deviceId, String deviceName, String personName, String lockId, String lockName,
            String connectionId, String materialName, Instant lastDeliveredAt, Instant withdrawnAt, Instant exposedUntil,
            boolean boundByConnectionCertificate) {
    }

    private final Database database;
    private final GrantService grants;
    private final LockService locks;
    private final Authorization authorization;
    private final Clock clock;

    @Inject
    MaterialDeliveries(Database database, GrantService grants, LockService locks, Authorization authorization, Clock clock) {
        this.database = database;
        this.grants = grants;
        this.locks = locks;
        this.authorization = authorization;
        this.clock = clock;
    }

    /**
     * The locks the person holds a grant in force for at {@code at} (on the lock or its site; schedules aside),
     * with a connection and not decommissioned: whose material their phones may have.
     */
    List<Lock> held(String accountId, String personId, Instant at) {
        Set<String> lockIds = new HashSet<>();
        Set<String> siteIds = new HashSet<>();
        for (Grant grant : grants.inForce(accountId, personId, at)) {
            if (grant.lockId() != null) {
                lockIds.add(grant.lockId());
            } else if (grant.siteId() != null) {
                siteIds.add(grant.siteId());
            }
        }
        return locks.covered(accountId, lockIds, siteIds).stream()
                .filter(l -> l.state() != LockState.DECOMMISSIONED && l.connectionId() != null).toList();
    }

    /**
     * Notes what one sync handed the device: each lock's material (with the earliest expiry of the
     * connection-wide material handed beside it), and that what it no longer got was withdrawn now.
     */
    void record(DeviceCaller caller, List<PhoneMaterials.Published> handed, Instant now) {
        Map<String, Instant> chainExpiry = new HashMap<>();
        Set<String> connectionsWithoutExpiry = new HashSet<>();
        for (PhoneMaterials.Published wide : handed) {
            if (wide.lockId() == null) {
                if (wide.expiresAt() == null) {
                    connectionsWithoutExpiry.add(wide.connectionId());
                } else {
                    chainExpiry.merge(wide.connectionId(), wide.expiresAt(), (a, b) -> a.isBefore(b) ? a : b);
                }
            }
        }
        database.jdbi().useTransaction(h -> {
            h.createUpdate("UPDATE material_deliveries SET withdrawn_at = :now WHERE device_id = :deviceId AND withdrawn_at IS NULL")
                    .bind("deviceId", caller.deviceId()).bind("now", now.toEpochMilli()).execute();
            for (PhoneMaterials.Published piece : handed) {
                if (piece.lockId() == null) {
                    continue;
                }
                Instant chain = connectionsWithoutExpiry.contains(piece.connectionId()) ? null : chainExpiry.get(piece.connectionId());
                h.createUpdate("INSERT INTO material_deliveries (device_id, connection_id, lock_id, name, account_id, "
                                + "first_delivered_at, last_delivered_at, expires_at, chain_expires_at, withdrawn_at) VALUES "
                                + "(:deviceId, :connectionId, :lockId, :name, :accountId, :now, :now, :expiresAt, :chain, NULL) "
                                + "ON CONFLICT (device_id, connection_id, lock_id, name) DO UPDATE SET "
                                + "last_delivered_at = excluded.last_delivered_at, expires_at = excluded.expires_at, "
                                + "chain_expires_at = excluded.chain_expires_at, withdrawn_at = NULL")
                        .bind("deviceId", caller.deviceId()).bind("connectionId", piece.connectionId())
                        .bind("lockId", piece.lockId()).bind("name", piece.name()).bind("accountId", caller.accountId())
                        .bind("now", now.toEpochMilli())
                        .bind("expiresAt", piece.expiresAt() == null ? null : piece.expiresAt().toEpochMilli())
                        .bind("chain", chain == null ? null : chain.toEpochMilli()).execute();
            }
        });
    }

    /**
     * Copies on phones whose person no longer holds the lock (grant ended or revoked, device blocked, lock
     * moved) and that could still open it: not yet expired, nor the certificate they chain through.
     */
    public List<ExposedCopy> exposed(SignedInUser who) {
        authorization.require(who, Role.VIEWER);
        Instant now = clock.instant();
        record Row(String deviceId, String deviceName, String deviceState, String personId, String personName, String lockId,
                String lockName, String connectionId, String name, Instant lastDeliveredAt, Instant withdrawnAt,
                Instant expiresAt, Instant chainExpiresAt) {
        }
        List<Row> rows = database.jdbi().withHandle(h -> h.createQuery("SELECT md.*, d.name AS device_name, d.state AS device_state, "
                        + "d.person_id, p.name AS person_name, l.name AS lock_name FROM material_deliveries md "
                        + "JOIN devices d ON d.id = md.device_id LEFT JOIN people p ON p.id = d.person_id "
                        + "JOIN locks l ON l.id = md.lock_id WHERE md.account_id = :accountId "
                        + "AND (md.expires_at IS NULL OR md.expires_at > :now) "
                        + "AND (md.chain_expires_at IS NULL OR md.chain_expires_at > :now) ORDER BY l.name, md.lock_id, d.name")
                .bind("accountId", who.accountId()).bind("now", now.toEpochMilli())
                .map((rs, ctx) -> new Row(rs.getString("device_id"), rs.getString("device_name"), rs.getString("device_state"),
                        rs.getString("person_id"), rs.getString("person_name"), rs.getString("lock_id"), rs.getString("lock_name"),
                        rs.getString("connection_id"), rs.getString("name"), instant(rs, "last_delivered_at"),
                        instant(rs, "withdrawn_at"), instant(rs, "expires_at"), instant(rs, "chain_expires_at")))
                .list());
        Map<String, Set<String>> heldByPerson = new HashMap<>();
        List<ExposedCopy> exposed = new ArrayList<>();
        for (Row row : rows) {
            boolean stillHeld = row.withdrawnAt() == null && "ACTIVE".equals(row.deviceState()) && row.personId() != null
                    && heldByPerson.computeIfAbsent(row.personId(), person -> new HashSet<>(held(who.accountId(), person, now)
                            .stream().map(Lock::id).toList())).contains(row.lockId());
            if (stillHeld) {
                continue;
            }
            Instant until = earliest(row.expiresAt(), row.chainExpiresAt());
            exposed.add(new ExposedCopy(row.deviceId(), row.deviceName(), row.personName(), row.lockId(), row.lockName(),
                    row.connectionId(), row.name(), row.lastDeliveredAt(), row.withdrawnAt(), until,
                    until != null && Objects.equals(until, row.chainExpiresAt())));
        }
        exposed.sort(Comparator.comparing(ExposedCopy::lockName).thenComparing(ExposedCopy::deviceId));
        return exposed;
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
