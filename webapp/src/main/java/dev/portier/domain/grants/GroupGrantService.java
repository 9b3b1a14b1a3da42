package dev.portier.domain.grants;

import static dev.portier.platform.db.EpochColumns.instant;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.groups.GroupKind;
import dev.portier.domain.groups.GroupService;
import dev.portier.domain.groups.MembershipChange;
import dev.portier.domain.groups.MembershipParticipant;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.people.PersonService;
import dev.portier.domain.sites.SiteService;
import dev.portier.identity.accounts.Audited;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.Ids;
import dev.portier.platform.db.SqlText;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.TextRules;
import dev.portier.platform.validation.ValidationException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Group grants of the signed-in user's account, materialised: for every member person (or the card) and
 * member lock (or the lock or site) a group grant keeps one ordinary member grant in {@code grants}, written
 * through {@link GrantService}'s own paths in the same transaction — so the access decision, vendor sync,
 * keys and revocation lists see them as any grant, {@link GrantChangeParticipant}s run with the change and
 * {@link GrantListener}s hear of it after the commit. Membership changes of the groups reach the member
 * grants the same way ({@link MembershipParticipant}): a new member gets them at once, a member that
 * leaves has them revoked ("Left group …").
 */
@Singleton
public final class GroupGrantService implements MembershipParticipant {

    private static final String SELECT = "SELECT gg.*, p.name AS person_name, c.serial_number AS card_serial, l.name AS lock_name, "
            + "s.name AS site_name, (SELECT COUNT(*) FROM grants m WHERE m.group_grant_id = gg.id AND m.state = 'ACTIVE') "
            + "AS member_grants FROM group_grants gg LEFT JOIN people p ON p.id = gg.person_id LEFT JOIN cards c ON c.id = gg.card_id "
            + "LEFT JOIN locks l ON l.id = gg.lock_id LEFT JOIN sites s ON s.id = gg.site_id ";
    private static final RowMapper<GroupGrant> MAPPER = (rs, ctx) -> {
        String schedule = rs.getString("schedule");
        return new GroupGrant(rs.getString("id"), rs.getString("account_id"), rs.getString("name"), rs.getString("person_id"),
                rs.getString("person_name"), rs.getString("card_id"), rs.getString("card_serial"), rs.getString("people_group_id"),
                null, rs.getString("lock_id"), rs.getString("lock_name"), rs.getString("site_id"), rs.getString("site_name"),
                rs.getString("lock_group_id"), null, instant(rs, "valid_from"), instant(rs, "valid_until"),
                schedule == null ? null : WeeklySchedule.parse(schedule), GrantRowMapper.permissions(rs.getString("permissions")),
                Delivery.valueOf(rs.getString("delivery")), rs.getInt("on_demand_minutes"), GrantState.valueOf(rs.getString("state")),
                instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "revoked_at"), rs.getString("revoked_by"),
                rs.getString("revoke_reason"), rs.getInt("member_grants"));
    };

    private final Database database;
    private final Authorization authorization;
    private final AuditLog audit;
    private final Clock clock;
    private final GrantService grants;

    @Inject
    GroupGrantService(Database database, Authorization authorization, AuditLog audit, Clock clock, GrantService grants) {
        this.database = database;
        this.authorization = authorization;
        this.audit = audit;
        this.clock = clock;
        this.grants = grants;
    }

    /** The account's group grants, newest first. */
    public List<GroupGrant> list(SignedInUser who) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> {
            Map<String, String> people = names(h, who.accountId(), GroupKind.PEOPLE);
            Map<String, String> locks = names(h, who.accountId(), GroupKind.LOCKS);
            return h.createQuery(SELECT + "WHERE gg.account_id = :accountId ORDER BY gg.created_at DESC, gg.id DESC")
                    .bind("accountId", who.accountId()).map(MAPPER).list().stream()
                    .map(g -> g.withGroupNames(people.get(g.peopleGroupId()), locks.get(g.lockGroupId()))).toList();
        });
    }

    private static Map<String, String> names(Handle h, String accountId, GroupKind kind) {
        Map<String, String> names = new HashMap<>();
        GroupService.all(h, accountId, kind).forEach(g -> names.put(g.id(), g.name()));
        return names;
    }

    public GroupGrant get(SignedInUser who, String id) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> find(h, who.accountId(), id));
    }

    /** Whether the account has a group grant with this id (for resources that take either kind of grant id). */
    public boolean exists(SignedInUser who, String id) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM group_grants WHERE id = :id AND account_id = :accountId")
                .bind("id", id).bind("accountId", who.accountId()).mapTo(Integer.class).one() > 0);
    }

    public static GroupGrant find(Handle h, String accountId, String id) {
        GroupGrant g = h.createQuery(SELECT + "WHERE gg.id = :id AND gg.account_id = :accountId").bind("id", id)
                .bind("accountId", accountId).map(MAPPER).findOne().orElseThrow(() -> new NotFoundException("grant"));
        return g.withGroupNames(g.peopleGroupId() == null ? null : GroupService.find(h, accountId, GroupKind.PEOPLE, g.peopleGroupId()).name(),
                g.lockGroupId() == null ? null : GroupService.find(h, accountId, GroupKind.LOCKS, g.lockGroupId()).name());
    }

    /** The member grants of a group grant, active and revoked, newest first. */
    public List<Grant> memberGrants(SignedInUser who, String id) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> {
            find(h, who.accountId(), id);
            return h.createQuery(GrantService.SELECT + "WHERE g.group_grant_id = :id AND g.account_id = :accountId "
                    + "ORDER BY g.created_at DESC, g.id DESC").bind("id", id).bind("accountId", who.accountId())
                    .map(GrantService.MAPPER).list();
        });
    }

    /** Where member grants come from, by group grant id: for the explain view (names resolved only for what is shown). */
    public static Map<String, GrantOrigin> origins(Handle h, String accountId, Collection<String> groupGrantIds) {
        Map<String, GrantOrigin> origins = new LinkedHashMap<>();
        for (String id : groupGrantIds) {
            if (id != null && !origins.containsKey(id)) {
                GroupGrant g = find(h, accountId, id);
                origins.put(id, new GrantOrigin(id, g.name(), g.peopleGroupName(), g.lockGroupName()));
            }
        }
        return origins;
    }

    public GroupGrant create(SignedInUser who, GroupGrantDraft draft) {
        authorization.require(who, Role.MANAGER);
        GroupGrantDraft clean = validate(draft);
        String id = Ids.newId();
        List<String> changed = new ArrayList<>();
        GroupGrant created = database.jdbi().inTransaction(h -> {
            requireReferences(h, who.accountId(), clean);
            h.createUpdate("INSERT INTO group_grants (id, account_id, name, person_id, card_id, people_group_id, lock_id, site_id, "
                            + "lock_group_id, valid_from, valid_until, schedule, permissions, delivery, on_demand_minutes, state, "
                            + "created_at, created_by) VALUES (:id, :accountId, :name, :personId, :cardId, :peopleGroupId, :lockId, "
                            + ":siteId, :lockGroupId, :validFrom, :validUntil, :schedule, :permissions, :delivery, :onDemandMinutes, "
                            + "'ACTIVE', :at, :by)")
                    .bind("id", id).bind("accountId", who.accountId()).bindMethods(clean)
                    .bind("permissions", GrantRowMapper.store(clean.permissions()))
                    .bind("at", clock.instant()).bind("by", who.email()).execute();
            changed.addAll(reconcile(h, who.accountId(), who.email(), id, "Group grant changed"));
            GroupGrant grant = find(h, who.accountId(), id);
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.CREATED, "Group grant " + describe(grant),
                    grant.memberGrants() + " member grant(s)");
            return grant;
        });
        grants.told(who.accountId(), changed);
        return created;
    }

    /** Changes an active group grant (every field); its member grants follow. */
    public GroupGrant update(SignedInUser who, String id, GroupGrantDraft draft) {
        authorization.require(who, Role.MANAGER);
        GroupGrantDraft clean = validate(draft);
        List<String> changed = new ArrayList<>();
        GroupGrant updated = database.jdbi().inTransaction(h -> {
            GroupGrant before = find(h, who.accountId(), id);
            if (before.state() == GrantState.REVOKED) {
                throw new ConflictException("id", "A revoked grant cannot be changed: create a new one");
            }
            requireReferences(h, who.accountId(), clean);
            h.createUpdate("UPDATE group_grants SET name = :name, person_id = :personId, card_id = :cardId, "
                            + "people_group_id = :peopleGroupId, lock_id = :lockId, site_id = :siteId, lock_group_id = :lockGroupId, "
                            + "valid_from = :validFrom, valid_until = :validUntil, schedule = :schedule, permissions = :permissions, "
                            + "delivery = :delivery, on_demand_minutes = :onDemandMinutes WHERE id = :id AND account_id = :accountId")
                    .bind("id", id).bind("accountId", who.accountId()).bindMethods(clean)
                    .bind("permissions", GrantRowMapper.store(clean.permissions())).execute();
            changed.addAll(reconcile(h, who.accountId(), who.email(), id, "Group grant '" + clean.name() + "' changed"));
            GroupGrant after = find(h, who.accountId(), id);
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.UPDATED, "Group grant " + describe(after),
                    after.memberGrants() + " member grant(s)");
            return after;
        });
        grants.told(who.accountId(), changed);
        return updated;
    }

    /** Revokes the group grant and all its member grants at once; revoking twice keeps the first revocation. */
    public GroupGrant revoke(SignedInUser who, String id, String reason) {
        authorization.require(who, Role.MANAGER);
        new ValidationException.Collector().check("reason", TextRules.validateName(reason, "a reason", 500)).throwIfAny();
        List<String> changed = new ArrayList<>();
        GroupGrant revoked = database.jdbi().inTransaction(h -> {
            GroupGrant grant = find(h, who.accountId(), id);
            if (grant.state() == GrantState.REVOKED) {
                return grant;
            }
            h.createUpdate("UPDATE group_grants SET state = 'REVOKED', revoked_at = :at, revoked_by = :by, revoke_reason = :reason "
                            + "WHERE id = :id AND account_id = :accountId")
                    .bind("at", clock.instant()).bind("by", who.email()).bind("reason", reason.strip())
                    .bind("id", id).bind("accountId", who.accountId()).execute();
            changed.addAll(reconcile(h, who.accountId(), who.email(), id, reason.strip()));
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.REVOKED, "Group grant " + describe(grant),
                    reason.strip() + " (" + changed.size() + " member grant(s) revoked)");
            return find(h, who.accountId(), id);
        });
        grants.told(who.accountId(), changed);
        return revoked;
    }

    @Override
    public Runnable membershipChanged(Handle h, MembershipChange change) {
        String column = change.group().kind() == GroupKind.PEOPLE ? "people_group_id" : "lock_group_id";
        List<String> affected = h.createQuery("SELECT id FROM group_grants WHERE " + column + " = :group AND account_id = :accountId "
                        + "AND state = 'ACTIVE' ORDER BY created_at, id")
                .bind("group", change.group().id()).bind("accountId", change.accountId()).mapTo(String.class).list();
        String reason = change.group().kind() == GroupKind.PEOPLE ? "Left group " + change.group().name()
                : "Lock left lock group " + change.group().name();
        List<String> changed = new ArrayList<>();
        for (String id : affected) {
            changed.addAll(reconcile(h, change.accountId(), change.actor(), id, reason));
        }
        return () -> grants.told(change.accountId(), changed);
    }

    @Override
    public Optional<String> keeps(Handle h, String accountId, GroupKind kind, String groupId) {
        String column = kind == GroupKind.PEOPLE ? "people_group_id" : "lock_group_id";
        int n = h.createQuery("SELECT COUNT(*) FROM group_grants WHERE " + column + " = :group AND account_id = :accountId")
                .bind("group", groupId).bind("accountId", accountId).mapTo(Integer.class).one();
        return n == 0 ? Optional.empty() : Optional.of("is named by " + n + " grant(s), revoked ones included, which keep the history");
    }

    /**
     * Brings the group grant's member grants in line with it and its groups' members: revokes (with
     * {@code reason}) those no longer wanted, writes the missing ones and changes those whose terms differ.
     * Returns the ids of the member grants it wrote.
     */
    private List<String> reconcile(Handle h, String accountId, String actor, String id, String reason) {
        GroupGrant gg = find(h, accountId, id);
        Map<String, Grant> existing = new LinkedHashMap<>();
        h.createQuery(GrantService.SELECT + "WHERE g.group_grant_id = :id AND g.account_id = :accountId AND g.state = 'ACTIVE'")
                .bind("id", id).bind("accountId", accountId).map(GrantService.MAPPER)
                .forEach(g -> existing.put(pair(g.personId(), g.cardId(), g.lockId(), g.siteId()), g));
        Map<String, GrantDraft> wanted = new LinkedHashMap<>();
        if (gg.state() == GrantState.ACTIVE) {
            for (String[] subject : subjects(h, accountId, gg)) {
                for (String[] target : targets(h, accountId, gg)) {
                    GrantDraft draft = new GrantDraft(subject[0], subject[1], target[0], target[1], gg.validFrom(), gg.validUntil(),
                            gg.schedule() == null ? null : gg.schedule().format(), gg.permissions(), gg.delivery(), gg.onDemandMinutes());
                    wanted.put(pair(draft.personId(), draft.cardId(), draft.lockId(), draft.siteId()), draft);
                }
            }
        }
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, Grant> e : existing.entrySet()) {
            if (!wanted.containsKey(e.getKey())) {
                changed.add(grants.revoke(h, accountId, actor, e.getValue().id(), reason).id());
            }
        }
        for (Map.Entry<String, GrantDraft> e : wanted.entrySet()) {
            Grant now = existing.get(e.getKey());
            if (now == null) {
                changed.add(grants.insert(h, accountId, actor, e.getValue(), id).id());
            } else if (!sameTerms(now, e.getValue())) {
                changed.add(grants.rewrite(h, accountId, now.id(), e.getValue()).id());
            }
        }
        return changed;
    }

    private static List<String[]> subjects(Handle h, String accountId, GroupGrant gg) {
        if (gg.peopleGroupId() != null) {
            return GroupService.memberIds(h, accountId, GroupKind.PEOPLE, gg.peopleGroupId()).stream()
                    .map(person -> new String[] {person, null}).toList();
        }
        return List.<String[]>of(new String[] {gg.personId(), gg.cardId()});
    }

    private static List<String[]> targets(Handle h, String accountId, GroupGrant gg) {
        if (gg.lockGroupId() != null) {
            return GroupService.memberIds(h, accountId, GroupKind.LOCKS, gg.lockGroupId()).stream()
                    .map(lock -> new String[] {lock, null}).toList();
        }
        return List.<String[]>of(new String[] {gg.lockId(), gg.siteId()});
    }

    private static String pair(String personId, String cardId, String lockId, String siteId) {
        return (personId != null ? "p:" + personId : "c:" + cardId) + "|" + (lockId != null ? "l:" + lockId : "s:" + siteId);
    }

    private static boolean sameTerms(Grant g, GrantDraft d) {
        return Objects.equals(g.validFrom(), d.validFrom()) && Objects.equals(g.validUntil(), d.validUntil())
                && Objects.equals(g.schedule() == null ? null : g.schedule().format(), d.schedule())
                && g.permissions().equals(d.permissions()) && g.delivery() == d.delivery() && g.onDemandMinutes() == d.onDemandMinutes();
    }

    /** Checks a draft and returns it normalised; throws with every problem. */
    public static GroupGrantDraft validate(GroupGrantDraft d) {
        ValidationException.Collector problems = new ValidationException.Collector()
                .check("name", TextRules.validateName(d.name(), "a name", 100));
        int subjects = count(d.personId(), d.cardId(), d.peopleGroupId());
        if (subjects != 1) {
            problems.add("subject", "Choose either a person, a card or a people group");
        }
        int targets = count(d.lockId(), d.siteId(), d.lockGroupId());
        if (targets != 1) {
            problems.add("target", "Choose either one lock, a whole site or a lock group");
        }
        if (subjects == 1 && targets == 1 && SqlText.isBlank(d.peopleGroupId()) && SqlText.isBlank(d.lockGroupId())) {
            problems.add("subject", "A group grant names a people group or a lock group: for one person or card on one lock "
                    + "or site, create an ordinary grant");
        }
        GrantDraft terms = null;
        try {
            // The terms shared with ordinary grants are checked by the same rules (a placeholder subject and target).
            terms = GrantService.validate(new GrantDraft("subject", null, "target", null, d.validFrom(), d.validUntil(), d.schedule(),
                    d.permissions(), d.delivery(), d.onDemandMinutes()));
        } catch (ValidationException e) {
            e.fieldErrors().forEach(problems::add);
        }
        problems.throwIfAny();
        return new GroupGrantDraft(d.name().strip(), blankToNull(d.personId()), blankToNull(d.cardId()), blankToNull(d.peopleGroupId()),
                blankToNull(d.lockId()), blankToNull(d.siteId()), blankToNull(d.lockGroupId()), terms.validFrom(), terms.validUntil(),
                terms.schedule(), terms.permissions(), terms.delivery(), terms.onDemandMinutes());
    }

    private static int count(String... ids) {
        int n = 0;
        for (String id : ids) {
            n += SqlText.isBlank(id) ? 0 : 1;
        }
        return n;
    }

    private static String blankToNull(String id) {
        return SqlText.isBlank(id) ? null : id.strip();
    }

    private static void requireReferences(Handle h, String accountId, GroupGrantDraft d) {
        try {
            if (d.personId() != null) {
                PersonService.find(h, accountId, d.personId());
            } else if (d.cardId() != null) {
                CardService.find(h, accountId, d.cardId());
            } else {
                GroupService.find(h, accountId, GroupKind.PEOPLE, d.peopleGroupId());
            }
        } catch (NotFoundException e) {
            throw ValidationException.of("subject", "Choose a person, card or people group of this account");
        }
        try {
            if (d.lockId() != null) {
                LockService.find(h, accountId, d.lockId());
            } else if (d.siteId() != null) {
                SiteService.find(h, accountId, d.siteId());
            } else {
                GroupService.find(h, accountId, GroupKind.LOCKS, d.lockGroupId());
            }
        } catch (NotFoundException e) {
            throw ValidationException.of("target", "Choose a lock, site or lock group of this account");
        }
    }

    private static String describe(GroupGrant g) {
        return "'" + g.name() + "': " + g.subjectLabel() + " → " + g.targetLabel();
    }
}
