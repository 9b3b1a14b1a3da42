package dev.portier.domain.grants;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.identity.accounts.Audited;
import dev.portier.domain.cards.CardService;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.Ids;
import dev.portier.platform.db.PageRequest;
import dev.portier.platform.db.SqlText;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.sites.SiteService;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.TextRules;
import dev.portier.platform.validation.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import dev.portier.platform.webhooks.WebhookEventType;
import dev.portier.platform.webhooks.WebhookEvents;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Grants of the signed-in user's account: VIEWERs read, MANAGERs and OWNERs create, change and
 * revoke. Grants are never deleted: revoked and expired ones stay as history.
 */
@Singleton
public final class GrantService {

    public static final int DEFAULT_ON_DEMAND_MINUTES = 30;
    public static final int MAX_ON_DEMAND_MINUTES = 24 * 60;

    public static final String SELECT = "SELECT g.*, p.name AS person_name, c.serial_number AS card_serial, "
            + "l.name AS lock_name, COALESCE(s.name, ls.name) AS site_name FROM grants g "
            + "LEFT JOIN people p ON p.id = g.person_id LEFT JOIN cards c ON c.id = g.card_id "
            + "LEFT JOIN locks l ON l.id = g.lock_id LEFT JOIN sites s ON s.id = g.site_id "
            + "LEFT JOIN sites ls ON ls.id = l.site_id ";
    static final GrantRowMapper MAPPER = new GrantRowMapper();

    private final Database database;
    private final Authorization authorization;
    private final AuditLog audit;
    private final Clock clock;
    private final Set<GrantListener> listeners;
    private final Set<GrantChangeParticipant> participants;
    private final WebhookEvents webhooks;

    @Inject
    GrantService(Database database, Authorization authorization, AuditLog audit, Clock clock,
            Set<GrantListener> listeners, Set<GrantChangeParticipant> participants, WebhookEvents webhooks) {
        this.webhooks = webhooks;
        this.database = database;
        this.authorization = authorization;
        this.audit = audit;
        this.clock = clock;
        this.listeners = listeners;
        this.participants = participants;
    }

    /** Inside the transaction: those that keep something about the grant write it along with the grant. */
    private Grant shared(Handle h, Grant grant) {
        participants.forEach(participant -> participant.grantChanged(h, grant));
        return grant;
    }

    private Grant told(Grant grant) {
        // After the outer commit when the change is part of a bulk change; never for a what-if's rehearsal.
        dev.portier.platform.db.AfterCommit.run(() -> listeners.forEach(listener -> listener.grantChanged(grant.accountId(), grant.id())));
        return grant;
    }

    /** After the commit of changes to these grants (member grants of group grants): tells the listeners. */
    void told(String accountId, java.util.Collection<String> grantIds) {
        dev.portier.platform.db.AfterCommit.run(
                () -> grantIds.forEach(id -> listeners.forEach(listener -> listener.grantChanged(accountId, id))));
    }

    public List<Grant> list(SignedInUser who, GrantFilter filter, PageRequest page) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> bind(h.createQuery(SELECT + where(filter)
                        + " ORDER BY g.created_at DESC, g.id DESC LIMIT :limit OFFSET :offset"), who, filter)
                .bind("limit", page.limit()).bind("offset", page.offset()).map(MAPPER).list());
    }

    /**
     * The next {@code limit} grants after the one created at {@code afterCreatedAt} with id {@code afterId} in
     * list order (newest first; the first ones when {@code afterId} is null): keyset paging, which neither
     * repeats nor skips a grant when others are created meanwhile.
     */
    public List<Grant> after(SignedInUser who, GrantFilter filter, Instant afterCreatedAt, String afterId, int limit) {
        authorization.require(who, Role.VIEWER);
        String keyset = afterId == null ? "" : " AND (g.created_at < :afterAt OR (g.created_at = :afterAt AND g.id < :afterId))";
        return database.jdbi().withHandle(h -> {
            org.jdbi.v3.core.statement.Query query = bind(h.createQuery(SELECT + where(filter) + keyset
                    + " ORDER BY g.created_at DESC, g.id DESC LIMIT :limit"), who, filter).bind("limit", limit);
            if (afterId != null) {
                query.bind("afterAt", afterCreatedAt).bind("afterId", afterId);
            }
            return query.map(MAPPER).list();
        });
    }

    /** The account's grants, revoked ones aside, whose validity ends in {@code [from, until)}, the soonest first. */
    public List<Grant> endingBetween(SignedInUser who, Instant from, Instant until, int limit) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> h.createQuery(SELECT + "WHERE g.account_id = :accountId AND g.state <> 'REVOKED' "
                        + "AND g.valid_until >= :from AND g.valid_until < :until ORDER BY g.valid_until, g.id LIMIT :limit")
                .bind("accountId", who.accountId()).bind("from", from).bind("until", until).bind("limit", limit)
                .map(MAPPER).list());
    }

    public int count(SignedInUser who, GrantFilter filter) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> bind(h.createQuery("SELECT COUNT(*) FROM grants g "
                + "LEFT JOIN people p ON p.id = g.person_id LEFT JOIN cards c ON c.id = g.card_id "
                + "LEFT JOIN locks l ON l.id = g.lock_id LEFT JOIN sites s ON s.id = g.site_id " + where(filter)), who, filter)
                .mapTo(Integer.class).one());
    }

    public Grant get(SignedInUser who, String id) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> find(h, who.accountId(), id));
    }

    /**
     * The grant's times as RFC 5545 iCalendar ({@link GrantCalendar}) in its site's time zone, stamped
     * now: the UI's download and the API's {@code schedule.ics}.
     */
    public String iCalendar(SignedInUser who, String id) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> {
            Grant grant = find(h, who.accountId(), id);
            dev.portier.domain.locks.Lock lock = grant.lockId() != null ? LockService.find(h, who.accountId(), grant.lockId()) : null;
            String zone = lock != null ? lock.siteTimeZone() : SiteService.find(h, who.accountId(), grant.siteId()).timeZone();
            // The site's holidays as EXDATEs, when the schedule observes them.
            dev.portier.domain.holidays.SiteHolidays holidays = grant.schedule() != null && grant.schedule().holidays().observed()
                    ? dev.portier.domain.holidays.HolidayService.forSite(h, who.accountId(), lock != null ? lock.siteId() : grant.siteId())
                    : dev.portier.domain.holidays.SiteHolidays.NONE;
            return GrantCalendar.write(GrantCalendar.terms(grant, ZoneId.of(zone), holidays::isHoliday), clock.instant());
        });
    }

    public Grant create(SignedInUser who, GrantDraft draft) {
        authorization.require(who, Role.MANAGER);
        GrantDraft clean = validate(draft);
        return told(database.jdbi().inTransaction(h -> {
            requireReferences(h, who.accountId(), clean);
            Grant grant = insert(h, who.accountId(), who.email(), clean, null);
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.CREATED, "Grant " + describe(grant), null);
            return grant;
        }));
    }

    /** Writes a checked grant (a member grant when {@code groupGrantId} is set) with its webhook and participants. */
    Grant insert(Handle h, String accountId, String actor, GrantDraft clean, String groupGrantId) {
        String id = Ids.newId();
        h.createUpdate("INSERT INTO grants (id, account_id, person_id, card_id, lock_id, site_id, valid_from, valid_until, "
                        + "schedule, permissions, delivery, on_demand_minutes, state, created_at, created_by, group_grant_id) VALUES (:id, "
                        + ":accountId, :personId, :cardId, :lockId, :siteId, :validFrom, :validUntil, :schedule, :permissions, "
                        + ":delivery, :onDemandMinutes, 'ACTIVE', :at, :by, :groupGrantId)")
                .bind("id", id).bind("accountId", accountId).bindMethods(clean)
                .bind("permissions", GrantRowMapper.store(clean.permissions()))
                .bind("at", clock.instant()).bind("by", actor).bind("groupGrantId", groupGrantId).execute();
        Grant grant = find(h, accountId, id);
        webhooks.publish(h, accountId, WebhookEventType.GRANT_CREATED, "grant:" + id, webhookData(grant));
        return shared(h, grant);
    }

    /** Changes an active grant's window, schedule, permissions or delivery (a revoked one stays as it was). */
    public Grant update(SignedInUser who, String id, GrantDraft draft) {
        authorization.require(who, Role.MANAGER);
        GrantDraft clean = validate(draft);
        return told(database.jdbi().inTransaction(h -> {
            Grant before = find(h, who.accountId(), id);
            if (before.state() == GrantState.REVOKED) {
                throw new ConflictException("id", "A revoked grant cannot be changed: create a new one");
            }
            requireNotMember(before);
            requireReferences(h, who.accountId(), clean);
            Grant after = rewrite(h, who.accountId(), id, clean);
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.UPDATED, "Grant " + describe(after), null);
            return after;
        }));
    }

    /** Writes a checked grant's new state with its webhook and participants. */
    Grant rewrite(Handle h, String accountId, String id, GrantDraft clean) {
        h.createUpdate("UPDATE grants SET person_id = :personId, card_id = :cardId, lock_id = :lockId, site_id = :siteId, "
                        + "valid_from = :validFrom, valid_until = :validUntil, schedule = :schedule, permissions = :permissions, "
                        + "delivery = :delivery, on_demand_minutes = :onDemandMinutes WHERE id = :id AND account_id = :accountId")
                .bind("id", id).bind("accountId", accountId).bindMethods(clean)
                .bind("permissions", GrantRowMapper.store(clean.permissions())).execute();
        Grant after = find(h, accountId, id);
        webhooks.publish(h, accountId, WebhookEventType.GRANT_UPDATED, "grant:" + id, webhookData(after));
        return shared(h, after);
    }

    private static void requireNotMember(Grant grant) {
        if (grant.isMemberGrant()) {
            throw new ConflictException("id", "This grant belongs to a group grant: change or revoke the group grant, "
                    + "or the group's members, instead");
        }
    }

    /** Revokes at once; revoking twice keeps the first revocation. */
    public Grant revoke(SignedInUser who, String id, String reason) {
        authorization.require(who, Role.MANAGER);
        new ValidationException.Collector().check("reason", TextRules.validateName(reason, "a reason", 500)).throwIfAny();
        return told(database.jdbi().inTransaction(h -> {
            Grant grant = find(h, who.accountId(), id);
            if (grant.state() == GrantState.REVOKED) {
                return grant;
            }
            requireNotMember(grant);
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.REVOKED, "Grant " + describe(grant), reason.strip());
            return revoke(h, who.accountId(), who.email(), id, reason.strip());
        }));
    }

    /** Revokes an active grant with its webhook and participants. */
    Grant revoke(Handle h, String accountId, String actor, String id, String reason) {
        h.createUpdate("UPDATE grants SET state = 'REVOKED', revoked_at = :at, revoked_by = :by, revoke_reason = :reason "
                        + "WHERE id = :id AND account_id = :accountId")
                .bind("at", clock.instant()).bind("by", actor).bind("reason", reason)
                .bind("id", id).bind("accountId", accountId).execute();
        Grant revoked = find(h, accountId, id);
        webhooks.publish(h, accountId, WebhookEventType.GRANT_REVOKED, "grant:" + id, webhookData(revoked));
        return shared(h, revoked);
    }

    /** A grant in a webhook's {@code data}: ids the API resolves, and its state and window. */
    public static Map<String, Object> webhookData(Grant grant) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("grantId", grant.id());
        data.put("personId", grant.personId());
        data.put("cardId", grant.cardId());
        data.put("lockId", grant.lockId());
        data.put("siteId", grant.siteId());
        if (grant.groupGrantId() != null) {
            data.put("groupGrantId", grant.groupGrantId());
        }
        data.put("state", grant.state().name());
        data.put("validFrom", grant.validFrom() == null ? null : grant.validFrom().toString());
        data.put("validUntil", grant.validUntil() == null ? null : grant.validUntil().toString());
        if (grant.state() == GrantState.REVOKED) {
            data.put("revokedAt", grant.revokedAt() == null ? null : grant.revokedAt().toString());
            data.put("revokeReason", grant.revokeReason());
        }
        return data;
    }

    /**
     * The person's grants in force at {@code at}: not revoked and inside their validity, whatever their
     * schedule and permissions. For services acting for the person's own phone (no signed-in user).
     */
    public List<Grant> inForce(String accountId, String personId, Instant at) {
        return database.jdbi().withHandle(h -> h.createQuery(SELECT + "WHERE g.person_id = :personId AND g.account_id = :accountId "
                        + "AND g.state = 'ACTIVE'").bind("personId", personId).bind("accountId", accountId).map(MAPPER).list())
                .stream().filter(g -> g.status(at) == GrantStatus.ACTIVE).toList();
    }

    /** Maps rows selected with {@link #SELECT}. */
    public static RowMapper<Grant> rowMapper() {
        return MAPPER;
    }

    /**
     * The account's grants, revoked ones too, whose schedule observes holidays and that cover a lock of one of
     * {@code siteIds} (a site grant, or a grant on one of its locks): what a change of those sites' holidays touches.
     */
    public static List<Grant> observingHolidaysAt(Handle h, String accountId, java.util.Collection<String> siteIds) {
        return scheduledAt(h, accountId, siteIds, "AND LOWER(g.schedule) LIKE '%holidays%'").stream()
                .filter(g -> g.schedule().holidays().observed()).toList();
    }

    /** As above, every grant with a schedule: what a change of the sites' time zone touches. */
    public static List<Grant> scheduledAt(Handle h, String accountId, java.util.Collection<String> siteIds) {
        return scheduledAt(h, accountId, siteIds, "");
    }

    private static List<Grant> scheduledAt(Handle h, String accountId, java.util.Collection<String> siteIds, String also) {
        if (siteIds.isEmpty()) {
            return List.of();
        }
        return h.createQuery(SELECT + "WHERE g.account_id = :accountId AND (g.site_id IN (<siteIds>) OR l.site_id IN (<siteIds>)) "
                        + "AND g.schedule IS NOT NULL " + also)
                .bind("accountId", accountId).bindList("siteIds", List.copyOf(siteIds))
                .map(MAPPER).list().stream().filter(g -> g.schedule() != null).toList();
    }

    public static Grant find(Handle h, String accountId, String id) {
        return h.createQuery(SELECT + "WHERE g.id = :id AND g.account_id = :accountId")
                .bind("id", id).bind("accountId", accountId).map(MAPPER).findOne()
                .orElseThrow(() -> new NotFoundException("grant"));
    }

    /** Checks a draft and returns it normalised (schedule re-formatted, default duration); throws with every problem. */
    public static GrantDraft validate(GrantDraft d) {
        ValidationException.Collector problems = new ValidationException.Collector();
        boolean person = !SqlText.isBlank(d.personId());
        boolean card = !SqlText.isBlank(d.cardId());
        if (person == card) {
            problems.add("subject", "Choose either a person or a card");
        }
        boolean lock = !SqlText.isBlank(d.lockId());
        boolean site = !SqlText.isBlank(d.siteId());
        if (lock == site) {
            problems.add("target", "Choose either one lock or a whole site");
        }
        if (d.validFrom() != null && d.validUntil() != null && !d.validFrom().isBefore(d.validUntil())) {
            problems.add("validUntil", "Valid until must be after valid from");
        }
        String schedule = null;
        if (!SqlText.isBlank(d.schedule())) {
            try {
                schedule = WeeklySchedule.parse(d.schedule()).format();
            } catch (IllegalArgumentException e) {
                problems.add("schedule", e.getMessage());
            }
        }
        if (d.permissions() == null || d.permissions().isEmpty()) {
            problems.add("permissions", "Choose at least one permission");
        }
        if (d.delivery() == null) {
            problems.add("delivery", "Choose how keys are delivered");
        }
        int minutes = d.onDemandMinutes() == null ? DEFAULT_ON_DEMAND_MINUTES : d.onDemandMinutes();
        if (minutes < 1 || minutes > MAX_ON_DEMAND_MINUTES) {
            problems.add("onDemandMinutes", "An on-demand key lasts between 1 and " + MAX_ON_DEMAND_MINUTES + " minutes");
        }
        problems.throwIfAny();
        return new GrantDraft(person ? d.personId() : null, card ? d.cardId() : null, lock ? d.lockId() : null,
                site ? d.siteId() : null, d.validFrom(), d.validUntil(), schedule, d.permissions(), d.delivery(), minutes);
    }

    private static void requireReferences(Handle h, String accountId, GrantDraft d) {
        try {
            if (d.personId() != null) {
                PersonService.find(h, accountId, d.personId());
            } else {
                CardService.find(h, accountId, d.cardId());
            }
        } catch (NotFoundException e) {
            throw ValidationException.of("subject", "Choose a person or card of this account");
        }
        try {
            if (d.lockId() != null) {
                LockService.find(h, accountId, d.lockId());
            } else {
                SiteService.find(h, accountId, d.siteId());
            }
        } catch (NotFoundException e) {
            throw ValidationException.of("target", "Choose a lock or site of this account");
        }
    }

    private static String describe(Grant g) {
        return g.subjectLabel() + " → " + g.targetLabel();
    }

    private String where(GrantFilter f) {
        StringBuilder sql = new StringBuilder("WHERE g.account_id = :accountId");
        if (!SqlText.isBlank(f.search())) {
            sql.append(" AND (LOWER(COALESCE(p.name, '')) LIKE :search ESCAPE '!' OR LOWER(COALESCE(c.serial_number, '')) LIKE :search ESCAPE '!'"
                    + " OR LOWER(COALESCE(l.name, '')) LIKE :search ESCAPE '!' OR LOWER(COALESCE(s.name, '')) LIKE :search ESCAPE '!')");
        }
        if (!SqlText.isBlank(f.personId())) {
            sql.append(" AND g.person_id = :personId");
        }
        if (!SqlText.isBlank(f.cardId())) {
            sql.append(" AND g.card_id = :cardId");
        }
        if (!SqlText.isBlank(f.lockId())) {
            sql.append(" AND g.lock_id = :lockId");
        }
        if (!SqlText.isBlank(f.siteId())) {
            // "Grants at this site": the site-wide ones and those on any of its locks.
            sql.append(" AND (g.site_id = :siteId OR l.site_id = :siteId)");
        }
        if (!SqlText.isBlank(f.groupGrantId())) {
            sql.append(" AND g.group_grant_id = :groupGrantId");
        }
        if (f.withoutMemberGrants()) {
            sql.append(" AND g.group_grant_id IS NULL");
        }
        if (f.status() != null) {
            sql.append(switch (f.status()) {
                case REVOKED -> " AND g.state = 'REVOKED'";
                case EXPIRED -> " AND g.state = 'ACTIVE' AND g.valid_until IS NOT NULL AND g.valid_until <= :now";
                case NOT_YET_VALID -> " AND g.state = 'ACTIVE' AND g.valid_from IS NOT NULL AND g.valid_from > :now";
                case ACTIVE -> " AND g.state = 'ACTIVE' AND (g.valid_from IS NULL OR g.valid_from <= :now)"
                        + " AND (g.valid_until IS NULL OR g.valid_until > :now)";
            });
        }
        return sql.toString();
    }

    private Query bind(Query query, SignedInUser who, GrantFilter f) {
        return query.bind("accountId", who.accountId())
                .bind("search", SqlText.isBlank(f.search()) ? "" : SqlText.containsPattern(f.search()))
                .bind("personId", f.personId()).bind("cardId", f.cardId()).bind("lockId", f.lockId()).bind("siteId", f.siteId())
                .bind("groupGrantId", f.groupGrantId()).bind("now", clock.instant());
    }

}
