package dev.portier.domain.reservations;

import static dev.portier.platform.db.EpochColumns.instant;

import dev.portier.platform.validation.NotFoundException;
import java.sql.ResultSet;
import java.time.Instant;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Reading reservations: one query for the rows (with vehicle, time zone and person names) and one for
 * the cards of all of them, so a calendar of many reservations costs two queries.
 */
public final class ReservationRows {

    public static final String SELECT = "SELECT r.*, l.name AS lock_name, s.time_zone AS time_zone, p.name AS person_name "
            + "FROM reservations r JOIN locks l ON l.id = r.lock_id JOIN sites s ON s.id = l.site_id "
            + "JOIN people p ON p.id = r.person_id ";

    /** Rows of one vehicle that hold it (SCHEDULED, CHECKED_IN) and meet [begin, end), except {@code exceptId}. */
    static final String OVERLAPPING = "SELECT id FROM reservations WHERE lock_id = :lockId AND end_at > :begin "
            + "AND begin_at < :end AND state IN ('SCHEDULED', 'CHECKED_IN') AND id <> :exceptId LIMIT 1";

    private ReservationRows() {
    }

    public static Reservation find(Handle h, String accountId, String id) {
        return findIfAny(h, accountId, id).orElseThrow(() -> new NotFoundException("reservation"));
    }

    static java.util.Optional<Reservation> findIfAny(Handle h, String accountId, String id) {
        List<Reservation> found = query(h, SELECT + "WHERE r.id = :id AND r.account_id = :accountId",
                Map.of("id", id, "accountId", accountId));
        return found.stream().findFirst();
    }

    /** Runs {@code sql} (which selects {@link #SELECT}'s columns) and attaches each row's cards. */
    public static List<Reservation> query(Handle h, String sql, Map<String, Object> bindings) {
        var query = h.createQuery(sql);
        bindings.forEach(query::bind);
        List<Reservation> rows = query.map((rs, ctx) -> row(rs)).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<ReservationCard>> cards = new LinkedHashMap<>();
        rows.forEach(r -> cards.put(r.id(), new ArrayList<>()));
        h.createQuery("SELECT rc.reservation_id, c.id, c.serial_number FROM reservation_cards rc JOIN cards c ON c.id = rc.card_id "
                        + "WHERE rc.reservation_id IN (<ids>) ORDER BY c.serial_number")
                .bindList("ids", List.copyOf(cards.keySet()))
                .map((rs, ctx) -> Map.entry(rs.getString(1), new ReservationCard(rs.getString(2), rs.getString(3))))
                .forEach(e -> cards.get(e.getKey()).add(e.getValue()));
        return rows.stream().map(r -> withCards(r, cards.get(r.id()))).toList();
    }

    private static Reservation withCards(Reservation p, List<ReservationCard> cards) {
        return new Reservation(p.id(), p.accountId(), p.lockId(), p.lockName(), p.timeZone(), p.personId(), p.personName(),
                cards, p.beginAt(), p.endAt(), p.permissions(), p.privileges(), p.endBookConditions(), p.state(),
                p.vendorState(), p.vendorKeyId(), p.createdAt(), p.createdBy(), p.cancelledAt(), p.cancelledBy());
    }

    /** A row without its cards (they come from the second query). */
    private static Reservation row(ResultSet rs) throws SQLException {
        return new Reservation(rs.getString("id"), rs.getString("account_id"), rs.getString("lock_id"),
                rs.getString("lock_name"), rs.getString("time_zone"), rs.getString("person_id"), rs.getString("person_name"),
                List.of(), instant(rs, "begin_at"), instant(rs, "end_at"), ReservationTerms.read(rs.getString("permissions")),
                ReservationTerms.read(rs.getString("privileges")), ReservationTerms.read(rs.getString("end_book_conditions")),
                ReservationState.valueOf(rs.getString("state")), Reservation.VendorState.valueOf(rs.getString("vendor_state")),
                rs.getString("vendor_key_id"), instant(rs, "created_at"), rs.getString("created_by"),
                instant(rs, "cancelled_at"), rs.getString("cancelled_by"));
    }

    // Checked in online, the vehicle runs under the key that check-in created, not the booking's stored key.
    private static final String RUNNING_STORED_KEY = "SELECT id, COALESCE(CASE WHEN state = 'CHECKED_IN' THEN check_in_key_id END, "
            + "vendor_key_id), state FROM reservations WHERE lock_id = :lockId "
            + "AND end_at > :now AND +begin_at <= :now AND state IN ('SCHEDULED', 'CHECKED_IN') AND vendor_state = 'STORED' "
            + "AND (account_id || '') = :accountId LIMIT 1";

    /**
     * A booking running now whose key the vendor stores: commands to the vehicle run under that key (or,
     * once the vehicle checked in online for it, under the key of that check-in).
     */
    public record StoredKey(String reservationId, String vendorKeyId, String state) {
    }

    public static Optional<StoredKey> runningStoredKey(Handle h, String accountId, String lockId, Instant now) {
        return h.createQuery(RUNNING_STORED_KEY).bind("lockId", lockId).bind("now", now).bind("accountId", accountId)
                .map((rs, ctx) -> new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3))).findOne();
    }

    /** The vendor confirmed a check-in under the booking's key. */
    public static void checkedIn(Handle h, String reservationId) {
        h.createUpdate("UPDATE reservations SET state = 'CHECKED_IN' WHERE id = :id AND state = 'SCHEDULED'")
                .bind("id", reservationId).execute();
    }

    /** The vendor confirmed a check-out under the booking's key. */
    public static void completed(Handle h, String reservationId) {
        h.createUpdate("UPDATE reservations SET state = 'COMPLETED' WHERE id = :id AND state = 'CHECKED_IN'")
                .bind("id", reservationId).execute();
    }

    /**
     * The vehicle's online check-in under {@code keyId} was for this booking: it is checked in (from
     * SCHEDULED), and the key is kept, so commands and the check-out find the booking. Answers whether
     * a booking of that vehicle was there to record it on.
     */
    public static boolean checkedInOnline(Handle h, String accountId, String lockId, String reservationId, String keyId) {
        return h.createUpdate("UPDATE reservations SET state = 'CHECKED_IN', check_in_key_id = :keyId WHERE id = :id "
                        + "AND account_id = :accountId AND lock_id = :lockId AND state IN ('SCHEDULED', 'CHECKED_IN')")
                .bind("keyId", keyId).bind("id", reservationId).bind("accountId", accountId).bind("lockId", lockId)
                .execute() > 0;
    }

    /** The booking of the vehicle whose stored key, or whose online check-in's key, is {@code keyId}. */
    public static Optional<String> byVendorKey(Handle h, String accountId, String lockId, String keyId) {
        return h.createQuery("SELECT id FROM reservations WHERE lock_id = :lockId AND account_id = :accountId "
                        + "AND (vendor_key_id = :keyId OR check_in_key_id = :keyId) ORDER BY begin_at DESC LIMIT 1")
                .bind("lockId", lockId).bind("accountId", accountId).bind("keyId", keyId).mapTo(String.class).findOne();
    }

    /** The vendor reported the drive under the booking's key ended: a booking still holding the vehicle is completed. */
    public static void checkedOut(Handle h, String reservationId) {
        h.createUpdate("UPDATE reservations SET state = 'COMPLETED' WHERE id = :id AND state IN ('SCHEDULED', 'CHECKED_IN')")
                .bind("id", reservationId).execute();
    }

    /** The booking's state now. */
    public static Optional<ReservationState> state(Handle h, String reservationId) {
        return h.createQuery("SELECT state FROM reservations WHERE id = :id").bind("id", reservationId)
                .mapTo(String.class).findOne().map(ReservationState::valueOf);
    }

    /** The stored keys of the vehicle's bookings that hold it and have not ended, by begin: what Portier stored at the vendor. */
    public static List<Reservation> storedKeys(Handle h, String accountId, String lockId, Instant now) {
        return query(h, SELECT + "WHERE r.lock_id = :lockId AND r.account_id = :accountId AND r.vendor_state = 'STORED' "
                + "AND r.state IN ('SCHEDULED', 'CHECKED_IN') AND r.end_at > :now ORDER BY r.begin_at, r.id",
                Map.of("lockId", lockId, "accountId", accountId, "now", now.toEpochMilli()));
    }
}
