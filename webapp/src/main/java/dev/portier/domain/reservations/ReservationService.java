package dev.portier.domain.reservations;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.identity.accounts.Audited;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.Ids;
import dev.portier.platform.db.PageRequest;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockService;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.VendorException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import dev.portier.platform.webhooks.WebhookEventType;
import dev.portier.platform.webhooks.WebhookEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reservations of the signed-in user's account: VIEWERs read, MANAGERs and OWNERs book, change and
 * cancel. Two reservations that hold one vehicle never overlap: the check and the insert run in one
 * IMMEDIATE transaction, so two people booking the same slot at once get one reservation and one 409.
 *
 * <p>When the vehicle's driver stores reservations at its vendor ({@link ReservationKeys}), the row is
 * written first as STORING (it holds the slot, allows nothing), then the vendor is asked outside the
 * transaction (a vendor call must never hold the database's write lock), then the row becomes STORED
 * with the vendor's key id — or is removed again when the vendor refuses, so nothing is created.
 */
@Singleton
public final class ReservationService {

    private static final Logger log = LoggerFactory.getLogger(ReservationService.class);

    private final Database database;
    private final Authorization authorization;
    private final AuditLog audit;
    private final ReservationKeys vendor;
    private final Clock clock;
    private final WebhookEvents webhooks;

    @Inject
    ReservationService(Database database, Authorization authorization, AuditLog audit, ReservationKeys vendor, Clock clock,
            WebhookEvents webhooks) {
        this.webhooks = webhooks;
        this.database = database;
        this.authorization = authorization;
        this.audit = audit;
        this.vendor = vendor;
        this.clock = clock;
    }

    /** Reservations that match, in order of begin. */
    public List<Reservation> list(SignedInUser who, ReservationFilter filter, PageRequest page) {
        authorization.require(who, Role.VIEWER);
        Map<String, Object> bindings = bindings(who, filter);
        bindings.put("limit", page.limit());
        bindings.put("offset", page.offset());
        return database.jdbi().withHandle(h -> ReservationRows.query(h, ReservationRows.SELECT + where(filter)
                + " ORDER BY r.begin_at, r.id LIMIT :limit OFFSET :offset", bindings));
    }

    public int count(SignedInUser who, ReservationFilter filter) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> {
            var query = h.createQuery("SELECT COUNT(*) FROM reservations r " + where(filter));
            bindings(who, filter).forEach(query::bind);
            return query.mapTo(Integer.class).one();
        });
    }

    /**
     * The stored keys Portier created at the vehicle's vendor that have not ended: the bookings that hold
     * the vehicle, with their key ids, ends and cards. What the GO device holds is the vendor's to keep
     * in sync; this is what Portier can know.
     */
    public List<Reservation> storedKeys(SignedInUser who, String lockId) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> {
            LockService.find(h, who.accountId(), lockId);
            return ReservationRows.storedKeys(h, who.accountId(), lockId, clock.instant());
        });
    }

    public Reservation get(SignedInUser who, String id) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> ReservationRows.find(h, who.accountId(), id));
    }


    public Reservation create(SignedInUser who, ReservationDraft draft) {
        authorization.require(who, Role.MANAGER);
        ReservationDraft clean = ReservationRules.validate(draft, clock.instant());
        String id = Ids.newId();
        ReservationRules.References refs = database.jdbi().inTransaction(h -> {
            ReservationRules.References found = ReservationRules.references(h, who.accountId(), clean);
            ReservationRules.requireFree(h, who.accountId(), clean.lockId(), clean.begin(), clean.end(), null);
            boolean stored = vendor.keepsReservations(found.vehicle());
            h.createUpdate("INSERT INTO reservations (id, account_id, lock_id, person_id, begin_at, end_at, permissions, privileges, "
                            + "end_book_conditions, state, vendor_state, created_at, created_by) VALUES (:id, :accountId, :lockId, "
                            + ":personId, :begin, :end, :permissions, :privileges, :conditions, 'SCHEDULED', :vendorState, :at, :by)")
                    .bind("id", id).bind("accountId", who.accountId()).bindMap(columns(clean))
                    .bind("vendorState", stored ? Reservation.VendorState.STORING : Reservation.VendorState.LOCAL)
                    .bind("at", clock.instant()).bind("by", who.email()).execute();
            writeCards(h, id, clean.cardIds());
            if (!stored) {
                audit(h, who, AuditAction.CREATED, ReservationRows.find(h, who.accountId(), id), null);
            }
            return stored ? found : null;
        });
        if (refs == null) {
            return get(who, id);
        }
        String keyId;
        try {
            keyId = vendor.store(refs.vehicle(), id, refs.userReference(), refs.serials(), clean);
        } catch (RuntimeException refused) {
            database.jdbi().useTransaction(h -> delete(h, id));
            throw refused;
        }
        return database.jdbi().inTransaction(h -> {
            h.createUpdate("UPDATE reservations SET vendor_state = 'STORED', vendor_key_id = :keyId WHERE id = :id")
                    .bind("keyId", keyId).bind("id", id).execute();
            Reservation created = ReservationRows.find(h, who.accountId(), id);
            audit(h, who, AuditAction.CREATED, created, "stored at the vendor as " + keyId);
            return created;
        });
    }

    /**
     * Changes a SCHEDULED reservation. When a vendor keeps it, the changed reservation is stored as a
     * new key first and the old key removed after; if the vendor refuses the new one, the reservation
     * stays exactly as it was.
     */
    public Reservation update(SignedInUser who, String id, ReservationDraft draft) {
        authorization.require(who, Role.MANAGER);
        ReservationDraft clean = ReservationRules.validate(draft, clock.instant());
        record Change(Reservation before, ReservationRules.References refs, boolean stored) {
        }
        Change change = database.jdbi().inTransaction(h -> {
            Reservation before = ReservationRows.find(h, who.accountId(), id);
            if (before.state() != ReservationState.SCHEDULED || before.vendorState() == Reservation.VendorState.STORING) {
                throw new ConflictException("id", "Only a scheduled reservation can be changed; this one is "
                        + before.state().label().toLowerCase());
            }
            ReservationRules.References refs = ReservationRules.references(h, who.accountId(), clean);
            ReservationRules.requireFree(h, who.accountId(), clean.lockId(), clean.begin(), clean.end(), id);
            if (before.vendorKeyId() != null && !vendor.keepsReservations(LockService.find(h, who.accountId(), before.lockId()))) {
                // Without a running driver the old key could not be removed, and Portier would lose track of it.
                throw new VendorException("The stored key " + before.vendorKeyId() + " cannot be replaced now: the vehicle's "
                        + "connection does not run a driver that stores reservations. Nothing was changed.");
            }
            boolean stored = vendor.keepsReservations(refs.vehicle());
            write(h, id, clean, stored ? Reservation.VendorState.STORING : Reservation.VendorState.LOCAL, null);
            if (!stored) {
                audit(h, who, AuditAction.UPDATED, ReservationRows.find(h, who.accountId(), id), null);
            }
            return new Change(before, refs, stored);
        });
        String oldKey = change.before().vendorKeyId();
        String newKey = null;
        if (change.stored()) {
            try {
                newKey = vendor.store(change.refs().vehicle(), id, change.refs().userReference(), change.refs().serials(), clean);
            } catch (RuntimeException refused) {
                database.jdbi().useTransaction(h -> restore(h, change.before()));
                throw refused;
            }
        }
        String keyId = newKey;
        Reservation after = database.jdbi().inTransaction(h -> {
            if (keyId != null) {
                h.createUpdate("UPDATE reservations SET vendor_state = 'STORED', vendor_key_id = :keyId WHERE id = :id")
                        .bind("keyId", keyId).bind("id", id).execute();
                audit(h, who, AuditAction.UPDATED, ReservationRows.find(h, who.accountId(), id), "stored at the vendor as " + keyId);
            }
            return ReservationRows.find(h, who.accountId(), id);
        });
        // A vendor that answers the same key id (its retry of an unchanged booking) still holds that one key:
        // removing the "old" key then would leave the vehicle with none.
        if (oldKey != null && !oldKey.equals(keyId)) {
            removeOldKey(who, change.before(), oldKey);
        }
        return after;
    }

    /**
     * Cancels a SCHEDULED or CHECKED_IN reservation: its stored key is removed at the vendor first; if
     * that fails, a {@link dev.portier.platform.validation.VendorException} says so and the reservation stays as
     * it was. Cancelling a cancelled reservation again changes nothing.
     */
    public Reservation cancel(SignedInUser who, String id) {
        authorization.require(who, Role.MANAGER);
        Reservation reservation = get(who, id);
        if (reservation.state() == ReservationState.CANCELLED) {
            return reservation;
        }
        if (reservation.state() == ReservationState.COMPLETED) {
            throw new ConflictException("id", "A completed reservation cannot be cancelled");
        }
        if (reservation.vendorKeyId() != null) {
            Lock vehicle = database.jdbi().withHandle(h -> LockService.find(h, who.accountId(), reservation.lockId()));
            vendor.cancel(vehicle, reservation.vendorKeyId());
        }
        return database.jdbi().inTransaction(h -> {
            h.createUpdate("UPDATE reservations SET state = 'CANCELLED', cancelled_at = :at, cancelled_by = :by "
                            + "WHERE id = :id AND account_id = :accountId AND state IN ('SCHEDULED', 'CHECKED_IN')")
                    .bind("at", clock.instant()).bind("by", who.email()).bind("id", id).bind("accountId", who.accountId())
                    .execute();
            Reservation cancelled = ReservationRows.find(h, who.accountId(), id);
            audit(h, who, AuditAction.CANCELLED, cancelled, reservation.vendorKeyId() == null ? null
                    : "stored key " + reservation.vendorKeyId() + " removed at the vendor");
            return cancelled;
        });
    }

    /** SCHEDULED → CHECKED_IN: the person has taken the vehicle. */
    public Reservation checkIn(SignedInUser who, String id) {
        return move(who, id, ReservationState.SCHEDULED, ReservationState.CHECKED_IN);
    }

    /** CHECKED_IN → COMPLETED: the vehicle is back. */
    public Reservation complete(SignedInUser who, String id) {
        return move(who, id, ReservationState.CHECKED_IN, ReservationState.COMPLETED);
    }

    private Reservation move(SignedInUser who, String id, ReservationState from, ReservationState to) {
        authorization.require(who, Role.MANAGER);
        return database.jdbi().inTransaction(h -> {
            Reservation before = ReservationRows.find(h, who.accountId(), id);
            if (before.state() == to) {
                return before;
            }
            if (before.state() != from) {
                throw new ConflictException("id", "Only a " + from.label().toLowerCase() + " reservation can become "
                        + to.label().toLowerCase() + "; this one is " + before.state().label().toLowerCase());
            }
            h.createUpdate("UPDATE reservations SET state = :to WHERE id = :id").bind("to", to).bind("id", id).execute();
            Reservation after = ReservationRows.find(h, who.accountId(), id);
            audit(h, who, AuditAction.UPDATED, after, from.label() + " → " + to.label());
            return after;
        });
    }

    /** After a change was stored as a new key: the old key goes; if the vendor fails, the operator is told through the log and audit. */
    private void removeOldKey(SignedInUser who, Reservation before, String oldKey) {
        try {
            Lock oldVehicle = database.jdbi().withHandle(h -> LockService.find(h, who.accountId(), before.lockId()));
            vendor.cancel(oldVehicle, oldKey);
        } catch (RuntimeException e) {
            log.warn("Reservation {}: the replaced stored key {} stays at the vendor until it expires: {}", before.id(), oldKey,
                    e.getMessage());
            audit.record(who.accountId(), Audited.by(who), AuditAction.UPDATED, "Reservation of " + before.lockName(),
                    "the replaced stored key " + oldKey + " could not be removed at the vendor: " + e.getMessage());
        }
    }

    private static void write(Handle h, String id, ReservationDraft d, Reservation.VendorState vendorState, String keyId) {
        h.createUpdate("UPDATE reservations SET lock_id = :lockId, person_id = :personId, begin_at = :begin, end_at = :end, "
                        + "permissions = :permissions, privileges = :privileges, end_book_conditions = :conditions, "
                        + "vendor_state = :vendorState, vendor_key_id = :keyId WHERE id = :id")
                .bindMap(columns(d)).bind("vendorState", vendorState).bind("keyId", keyId).bind("id", id).execute();
        h.createUpdate("DELETE FROM reservation_cards WHERE reservation_id = :id").bind("id", id).execute();
        writeCards(h, id, d.cardIds());
    }

    private static void restore(Handle h, Reservation before) {
        write(h, before.id(), new ReservationDraft(before.lockId(), before.personId(),
                before.cards().stream().map(ReservationCard::id).toList(), before.beginAt(), before.endAt(), before.permissions(),
                before.privileges(), before.endBookConditions()), before.vendorState(), before.vendorKeyId());
    }

    private static void delete(Handle h, String id) {
        h.createUpdate("DELETE FROM reservation_cards WHERE reservation_id = :id").bind("id", id).execute();
        h.createUpdate("DELETE FROM reservations WHERE id = :id").bind("id", id).execute();
    }

    private static void writeCards(Handle h, String id, List<String> cardIds) {
        for (String cardId : cardIds) {
            h.createUpdate("INSERT INTO reservation_cards (reservation_id, card_id) VALUES (:id, :cardId)")
                    .bind("id", id).bind("cardId", cardId).execute();
        }
    }

    private static Map<String, Object> columns(ReservationDraft d) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("lockId", d.lockId());
        columns.put("personId", d.personId());
        columns.put("begin", d.begin().toEpochMilli());
        columns.put("end", d.end().toEpochMilli());
        columns.put("permissions", ReservationTerms.store(d.permissions(), ReservationTerms.PERMISSIONS));
        columns.put("privileges", ReservationTerms.store(d.privileges(), ReservationTerms.PRIVILEGES));
        columns.put("conditions", ReservationTerms.store(d.endBookConditions(), ReservationTerms.END_BOOK_CONDITIONS));
        return columns;
    }

    /** Every change of a reservation is audited and told to the account's webhooks ({@code reservation.updated}), in its transaction. */
    private void audit(Handle h, SignedInUser who, AuditAction action, Reservation r, String details) {
        audit.record(h, who.accountId(), Audited.by(who), action, "Reservation of " + r.lockName() + " for " + r.personName(),
                details);
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("reservationId", r.id());
        data.put("lockId", r.lockId());
        data.put("personId", r.personId());
        data.put("state", r.state().name());
        data.put("beginAt", r.beginAt().toString());
        data.put("endAt", r.endAt().toString());
        data.put("change", action.name());
        webhooks.publish(h, who.accountId(), WebhookEventType.RESERVATION_UPDATED, "reservation:" + r.id(), data);
    }

    private static String where(ReservationFilter f) {
        StringBuilder sql = new StringBuilder("WHERE r.account_id = :accountId");
        if (f.lockId() != null) {
            sql.append(" AND r.lock_id = :lockId");
        }
        if (f.personId() != null) {
            sql.append(" AND r.person_id = :personId");
        }
        if (f.state() != null) {
            sql.append(" AND r.state = :state");
        }
        if (f.from() != null) {
            sql.append(" AND r.end_at > :from");
        }
        if (f.to() != null) {
            sql.append(" AND r.begin_at < :to");
        }
        return sql.toString();
    }

    private static Map<String, Object> bindings(SignedInUser who, ReservationFilter f) {
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("accountId", who.accountId());
        bindings.put("lockId", f.lockId());
        bindings.put("personId", f.personId());
        bindings.put("state", f.state() == null ? null : f.state().name());
        bindings.put("from", f.from() == null ? null : f.from().toEpochMilli());
        bindings.put("to", f.to() == null ? null : f.to().toEpochMilli());
        return bindings;
    }
}
