package dev.portier.domain.locks;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.audit.Actor;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.identity.accounts.Audited;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.EpochColumns;
import dev.portier.platform.db.Ids;
import dev.portier.platform.db.PageRequest;
import dev.portier.platform.db.SqlText;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.TextRules;
import dev.portier.platform.validation.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/** Locks of the signed-in user's account: VIEWERs read, MANAGERs and OWNERs change. */
@Singleton
public final class LockService {

    private static final Pattern DRIVER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    static final String SELECT = "SELECT l.id, l.account_id, l.site_id, s.name AS site_name, s.time_zone AS site_time_zone, "
            + "l.name, l.kind, l.driver_id, l.vendor_reference, l.state, l.created_at, l.connection_id FROM locks l JOIN sites s ON s.id = l.site_id ";

    /**
     * Written out rather than Jdbi's reflective mapper, which matches the columns to the record's
     * parameters again for every query (a sixth of an access decision's time in the bench profile).
     */
    static final RowMapper<Lock> MAPPER = (rs, ctx) -> {
        Instant created = EpochColumns.instant(rs, "created_at");
        return new Lock(rs.getString("id"), rs.getString("account_id"), rs.getString("site_id"), rs.getString("site_name"),
                rs.getString("site_time_zone"), rs.getString("name"), LockKind.valueOf(rs.getString("kind")),
                rs.getString("driver_id"), rs.getString("vendor_reference"), LockState.valueOf(rs.getString("state")),
                created, rs.getString("connection_id"));
    };

    private final Database database;
    private final Authorization authorization;
    private final AuditLog audit;
    private final Clock clock;
    private final Set<LockReferences> references;

    @Inject
    LockService(Database database, Authorization authorization, AuditLog audit, Clock clock, Set<LockReferences> references) {
        this.references = references;
        this.database = database;
        this.authorization = authorization;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Lock> list(SignedInUser who, LockFilter filter, PageRequest page) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> bind(h.createQuery(SELECT + where(filter)
                        + " ORDER BY l.name, l.id LIMIT :limit OFFSET :offset"), who, filter)
                .bind("limit", page.limit()).bind("offset", page.offset())
                .map(MAPPER).list());
    }

    public int count(SignedInUser who, LockFilter filter) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> bind(h.createQuery("SELECT COUNT(*) FROM locks l " + where(filter)), who, filter)
                .mapTo(Integer.class).one());
    }

    public Lock get(SignedInUser who, String id) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> find(h, who.accountId(), id));
    }

    public Lock create(SignedInUser who, LockDraft typed) {
        authorization.require(who, Role.MANAGER);
        return create(who.accountId(), Audited.by(who), typed);
    }

    /** Creates a lock for work the host does on the account's behalf (importing a vendor's locks); {@code actor} is audited. */
    public Lock create(String accountId, Actor actor, LockDraft typed) {
        LockDraft draft = withConnectionDriver(accountId, typed);
        validate(draft);
        String id = Ids.newId();
        return database.jdbi().inTransaction(h -> {
            requireSite(h, accountId, draft.siteId());
            requireUniqueReference(h, accountId, draft, null);
            h.createUpdate("INSERT INTO locks (id, account_id, site_id, name, kind, driver_id, vendor_reference, state, created_at, "
                            + "connection_id) VALUES (:id, :accountId, :siteId, :name, :kind, :driverId, :vendorReference, :state, :at, "
                            + ":connectionId)")
                    .bind("id", id).bind("accountId", accountId).bindMethods(normalized(draft))
                    .bind("at", clock.instant()).execute();
            Lock lock = find(h, accountId, id);
            audit.record(h, accountId, actor, AuditAction.CREATED, "Lock " + lock.name(),
                    lock.kind().label() + " at " + lock.siteName());
            return lock;
        });
    }

    /** The account's lock with this connection and vendor reference, if any (for the host's own work). */
    public Optional<Lock> byVendorReference(String accountId, String connectionId, String vendorReference) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM locks WHERE account_id = :accountId "
                        + "AND connection_id = :connectionId AND vendor_reference = :reference")
                .bind("accountId", accountId).bind("connectionId", connectionId).bind("reference", vendorReference)
                .mapTo(String.class).findFirst().map(id -> find(h, accountId, id)));
    }

    public Lock update(SignedInUser who, String id, LockDraft typed) {
        authorization.require(who, Role.MANAGER);
        LockDraft draft = withConnectionDriver(who.accountId(), typed);
        validate(draft);
        return database.jdbi().inTransaction(h -> {
            Lock before = find(h, who.accountId(), id);
            requireSite(h, who.accountId(), draft.siteId());
            requireUniqueReference(h, who.accountId(), draft, id);
            h.createUpdate("UPDATE locks SET site_id = :siteId, name = :name, kind = :kind, driver_id = :driverId, "
                            + "vendor_reference = :vendorReference, state = :state, "
                            + "connection_id = :connectionId WHERE id = :id AND account_id = :accountId")
                    .bind("id", id).bind("accountId", who.accountId()).bindMethods(normalized(draft)).execute();
            Lock after = find(h, who.accountId(), id);
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.UPDATED, "Lock " + after.name(),
                    before.state() == after.state() ? null : before.state().label() + " → " + after.state().label());
            return after;
        });
    }

    /** Deletes a lock without grants and logged events; otherwise decommission it, which keeps its history. */
    public void delete(SignedInUser who, String id) {
        authorization.require(who, Role.MANAGER);
        database.jdbi().useTransaction(h -> {
            Lock lock = find(h, who.accountId(), id);
            if (database.dialect() == dev.portier.platform.db.Dialect.POSTGRESQL) {
                // Rows that refer to the lock (a health report written meanwhile) take a key-share lock on it: hold
                // the row first, so they wait for this delete instead of slipping in after their owner released them.
                h.createQuery("SELECT id FROM locks WHERE id = :id FOR UPDATE").bind("id", id).mapTo(String.class).findOne();
            }
            for (LockReferences owner : references) {
                Optional<String> kept = owner.keeps(h, id);
                if (kept.isPresent()) {
                    throw new ConflictException("id", lock.name() + " " + kept.get() + ": decommission it instead, which keeps its history");
                }
            }
            references.forEach(owner -> owner.release(h, id));
            h.createUpdate("DELETE FROM locks WHERE id = :id AND account_id = :accountId")
                    .bind("id", id).bind("accountId", who.accountId()).execute();
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.DELETED, "Lock " + lock.name(), null);
        });
    }

    /**
     * A lock whose driver enrolled it: pending becomes active, and the vendor's reference is kept when
     * none was typed. Runs in the enrolling owner's transaction.
     */
    public static void markEnrolled(Handle h, String lockId, String vendorReference) {
        h.createUpdate("UPDATE locks SET state = CASE WHEN state = 'PENDING_ENROLMENT' THEN 'ACTIVE' ELSE state END, "
                        + "vendor_reference = COALESCE(vendor_reference, :vendorReference) WHERE id = :lockId")
                .bind("vendorReference", vendorReference).bind("lockId", lockId).execute();
    }

    /**
     * The account's locks among {@code lockIds} or at one of {@code siteIds}: what grants on those locks
     * and sites cover. For services acting for a person's own phone (no signed-in user).
     */
    public List<Lock> covered(String accountId, Collection<String> lockIds, Collection<String> siteIds) {
        if (lockIds.isEmpty() && siteIds.isEmpty()) {
            return List.of();
        }
        return database.jdbi().withHandle(h -> h.createQuery(SELECT + "WHERE l.account_id = :accountId "
                        + "AND (l.id IN (<lockIds>) OR l.site_id IN (<siteIds>)) ORDER BY l.name, l.id")
                .bind("accountId", accountId)
                .bindList("lockIds", lockIds.isEmpty() ? List.of("") : List.copyOf(lockIds))
                .bindList("siteIds", siteIds.isEmpty() ? List.of("") : List.copyOf(siteIds))
                .map(MAPPER).list());
    }

    public static Lock find(Handle h, String accountId, String id) {
        return findIfAny(h, accountId, id).orElseThrow(() -> new NotFoundException("lock"));
    }

    public static Optional<Lock> findIfAny(Handle h, String accountId, String id) {
        return h.createQuery(SELECT + "WHERE l.id = :id AND l.account_id = :accountId")
                .bind("id", id).bind("accountId", accountId)
                .map(MAPPER).findOne();
    }

    /**
     * The draft with its connection's driver: a lock of a connection always has that connection's
     * driver id, so the two never disagree. A connection of another account is refused.
     */
    private LockDraft withConnectionDriver(String accountId, LockDraft draft) {
        if (SqlText.isBlank(draft.connectionId())) {
            return new LockDraft(draft.siteId(), draft.name(), draft.kind(), draft.driverId(), draft.vendorReference(),
                    draft.state(), null);
        }
        String driverId = database.jdbi().withHandle(h -> h.createQuery(
                        "SELECT driver_id FROM connections WHERE id = :id AND account_id = :accountId")
                .bind("id", draft.connectionId()).bind("accountId", accountId).mapTo(String.class).findOne())
                .orElseThrow(() -> ValidationException.of("connectionId", "Choose a connection of this account"));
        return new LockDraft(draft.siteId(), draft.name(), draft.kind(), driverId, draft.vendorReference(), draft.state(),
                draft.connectionId());
    }

    private static void requireSite(Handle h, String accountId, String siteId) {
        boolean exists = h.createQuery("SELECT COUNT(*) FROM sites WHERE id = :id AND account_id = :accountId")
                .bind("id", siteId).bind("accountId", accountId).mapTo(Integer.class).one() > 0;
        if (!exists) {
            throw ValidationException.of("siteId", "Choose a site of this account");
        }
    }

    private static void requireUniqueReference(Handle h, String accountId, LockDraft draft, String exceptId) {
        if (SqlText.isBlank(draft.driverId())) {
            return;
        }
        Optional<String> taken = h.createQuery("SELECT name FROM locks WHERE account_id = :accountId AND driver_id = :driverId "
                        + "AND vendor_reference = :ref AND id <> :exceptId")
                .bind("accountId", accountId).bind("driverId", draft.driverId().strip())
                .bind("ref", draft.vendorReference().strip()).bind("exceptId", exceptId == null ? "" : exceptId)
                .mapTo(String.class).findFirst();
        taken.ifPresent(name -> {
            throw new ConflictException("vendorReference", "Lock " + name + " already has this vendor reference for "
                    + draft.driverId().strip());
        });
    }

    private static void validate(LockDraft draft) {
        ValidationException.Collector problems = new ValidationException.Collector()
                .check("name", TextRules.validateName(draft.name(), "a lock name", 100));
        if (SqlText.isBlank(draft.siteId())) {
            problems.add("siteId", "Choose a site");
        }
        if (draft.kind() == null) {
            problems.add("kind", "Choose what kind of lock this is");
        }
        if (draft.state() == null) {
            problems.add("state", "Choose a state");
        }
        boolean hasDriver = !SqlText.isBlank(draft.driverId());
        if (hasDriver && !DRIVER_ID.matcher(draft.driverId().strip()).matches()) {
            problems.add("driverId", "A driver id is lower-case letters, digits and dashes, like 'geotab'");
        }
        if (hasDriver && SqlText.isBlank(draft.vendorReference())) {
            problems.add("vendorReference", "Enter the vendor's reference for this lock (serial number, lock id …)");
        }
        if (!SqlText.isBlank(draft.vendorReference())) {
            problems.check("vendorReference", TextRules.validateName(draft.vendorReference(), "a vendor reference", 200));
            if (!hasDriver) {
                problems.add("driverId", "A vendor reference needs the driver it belongs to");
            }
        }
        problems.throwIfAny();
    }

    private static LockDraft normalized(LockDraft d) {
        boolean hasDriver = !SqlText.isBlank(d.driverId());
        return new LockDraft(d.siteId(), d.name().strip(), d.kind(), hasDriver ? d.driverId().strip() : null,
                hasDriver ? d.vendorReference().strip() : null, d.state(), d.connectionId());
    }

    private static String where(LockFilter filter) {
        StringBuilder sql = new StringBuilder("WHERE l.account_id = :accountId");
        if (!SqlText.isBlank(filter.search())) {
            sql.append(" AND (LOWER(l.name) LIKE :search ESCAPE '!' OR LOWER(COALESCE(l.vendor_reference, '')) LIKE :search ESCAPE '!')");
        }
        if (!SqlText.isBlank(filter.siteId())) {
            sql.append(" AND l.site_id = :siteId");
        }
        if (filter.kind() != null) {
            sql.append(" AND l.kind = :kind");
        }
        if (filter.state() != null) {
            sql.append(" AND l.state = :state");
        }
        return sql.toString();
    }

    private static Query bind(Query query, SignedInUser who, LockFilter filter) {
        return query.bind("accountId", who.accountId())
                .bind("search", SqlText.isBlank(filter.search()) ? "" : SqlText.containsPattern(filter.search()))
                .bind("siteId", filter.siteId()).bind("kind", filter.kind()).bind("state", filter.state());
    }
}
