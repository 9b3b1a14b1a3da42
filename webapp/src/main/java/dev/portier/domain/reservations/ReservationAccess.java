package dev.portier.domain.reservations;

import dev.portier.domain.reservations.ReservationAllowance;
import dev.portier.domain.grants.Permission;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The reservation part of the one access decision: the booking of a vehicle that runs at an instant
 * for a person, or for a card (listed on it, or held by its person). One indexed query on the
 * vehicle's reservations ending after the instant (index reservations_lock_end; the unary {@code +} on
 * the begin and the {@code || ''} on the account keep SQLite off the account's begin index, which would walk the
 * account's whole history; PostgreSQL has no unary {@code +} on text); bookings
 * of one vehicle never overlap, so at most one runs.
 */
public final class ReservationAccess {

    static final String CURRENT = "SELECT r.id, r.end_at, r.permissions, l.name AS lock_name, p.name AS person_name "
            + "FROM reservations r JOIN locks l ON l.id = r.lock_id JOIN people p ON p.id = r.person_id "
            + "WHERE r.lock_id = :lockId AND r.end_at > :at AND +r.begin_at <= :at AND (r.account_id || '') = :accountId "
            + "AND r.state IN ('SCHEDULED', 'CHECKED_IN') AND r.vendor_state <> 'STORING' "
            + "AND (r.person_id = :personId OR EXISTS (SELECT 1 FROM reservation_cards rc "
            + "WHERE rc.reservation_id = r.id AND rc.card_id = :cardId)) LIMIT 1";

    private ReservationAccess() {
    }

    /** A running booking of the subject, with the vendor permissions it includes. */
    public record Booking(ReservationAllowance allowance, Set<String> permissions) {
        public boolean allows(Permission permission) {
            return permissions.contains(ReservationTerms.vendorPermission(permission));
        }
    }

    /**
     * The booking of {@code lockId} running at {@code at} for {@code personId} or {@code cardId}
     * (either may be null).
     */
    public static Optional<Booking> current(Handle h, String accountId, String lockId, String personId, String cardId,
            Instant at) {
        if (personId == null && cardId == null) {
            return Optional.empty();
        }
        return h.createQuery(CURRENT).bind("lockId", lockId).bind("at", at).bind("accountId", accountId)
                .bind("personId", personId).bind("cardId", cardId)
                .map((rs, ctx) -> new Booking(new ReservationAllowance(rs.getString("id"),
                        rs.getString("person_name") + "'s booking of " + rs.getString("lock_name"),
                        Instant.ofEpochMilli(rs.getLong("end_at"))), ReservationTerms.read(rs.getString("permissions"))))
                .findOne();
    }

    static final String EDGES = "SELECT r.begin_at, r.end_at FROM reservations r "
            + "WHERE r.lock_id = :lockId AND r.end_at > :from AND r.begin_at < :until AND r.account_id = :accountId "
            + "AND r.state IN ('SCHEDULED', 'CHECKED_IN') "
            + "AND (r.person_id = :personId OR EXISTS (SELECT 1 FROM reservation_cards rc "
            + "WHERE rc.reservation_id = r.id AND rc.card_id = :cardId))";

    /**
     * The begin and end instants of the subject's bookings of {@code lockId} overlapping {@code [from, until)}:
     * where {@link #current} can change its answer.
     */
    public static List<Instant> edges(Handle h, String accountId, String lockId, String personId, String cardId, Instant from,
            Instant until) {
        if (personId == null && cardId == null) {
            return List.of();
        }
        List<Instant> edges = new java.util.ArrayList<>();
        h.createQuery(EDGES).bind("lockId", lockId).bind("from", from).bind("until", until).bind("accountId", accountId)
                .bind("personId", personId).bind("cardId", cardId)
                .map((rs, ctx) -> List.of(Instant.ofEpochMilli(rs.getLong("begin_at")), Instant.ofEpochMilli(rs.getLong("end_at"))))
                .forEach(edges::addAll);
        return edges;
    }
}
