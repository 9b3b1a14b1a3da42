package dev.portier.domain.groups;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.Audited;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.EpochColumns;
import dev.portier.platform.db.Ids;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.TextRules;
import dev.portier.platform.validation.ValidationException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * People groups and lock groups of the signed-in user's account: VIEWERs read, MANAGERs and OWNERs
 * change. A membership change runs the {@link MembershipParticipant}s in its transaction (the member
 * grants of group grants follow at once) and their after-commit work once it has committed.
 */
@Singleton
public final class GroupService {

    public static final int MAX_NAME = 100;

    private final Database database;
    private final Authorization authorization;
    private final AuditLog audit;
    private final Clock clock;
    private final Set<MembershipParticipant> participants;

    @Inject
    GroupService(Database database, Authorization authorization, AuditLog audit, Clock clock,
            Set<MembershipParticipant> participants) {
        this.database = database;
        this.authorization = authorization;
        this.audit = audit;
        this.clock = clock;
        this.participants = participants;
    }

    private static RowMapper<Group> mapper(GroupKind kind) {
        return (rs, ctx) -> new Group(rs.getString("id"), rs.getString("account_id"), kind, rs.getString("name"),
                rs.getInt("member_count"), EpochColumns.instant(rs, "created_at"));
    }

    private static String select(GroupKind kind) {
        return "SELECT g.*, (SELECT COUNT(*) FROM " + kind.members + " m WHERE m.group_id = g.id) AS member_count FROM "
                + kind.table + " g ";
    }

    /** The account's groups of this kind by name, with member counts. */
    public List<Group> list(SignedInUser who, GroupKind kind) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> all(h, who.accountId(), kind));
    }

    public static List<Group> all(Handle h, String accountId, GroupKind kind) {
        return h.createQuery(select(kind) + "WHERE g.account_id = :accountId ORDER BY g.name, g.id")
                .bind("accountId", accountId).map(mapper(kind)).list();
    }

    public Group get(SignedInUser who, GroupKind kind, String id) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> find(h, who.accountId(), kind, id));
    }

    /** The account's group; another account's or an unknown id: {@link NotFoundException}. */
    public static Group find(Handle h, String accountId, GroupKind kind, String id) {
        return h.createQuery(select(kind) + "WHERE g.id = :id AND g.account_id = :accountId")
                .bind("id", id).bind("accountId", accountId).map(mapper(kind)).findOne()
                .orElseThrow(() -> new NotFoundException(kind == GroupKind.PEOPLE ? "people group" : "lock group"));
    }

    /** The account's group with this name (case ignored), if any. */
    public static Optional<Group> findByName(Handle h, String accountId, GroupKind kind, String name) {
        return h.createQuery(select(kind) + "WHERE g.account_id = :accountId AND LOWER(g.name) = LOWER(:name)")
                .bind("accountId", accountId).bind("name", name.strip()).map(mapper(kind)).findFirst();
    }

    public Group create(SignedInUser who, GroupKind kind, String name) {
        authorization.require(who, Role.MANAGER);
        String clean = validName(name);
        return database.jdbi().inTransaction(h -> {
            Group group = insert(h, who.accountId(), kind, clean);
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.CREATED, kind.label() + " " + group.name(), null);
            return group;
        });
    }

    /** Inserts without auditing, for callers that audit a batch (CSV import) themselves; the name must be valid. */
    public Group insert(Handle h, String accountId, GroupKind kind, String cleanName) {
        requireFreeName(h, accountId, kind, cleanName, null);
        String id = Ids.newId();
        h.createUpdate("INSERT INTO " + kind.table + " (id, account_id, name, created_at) VALUES (:id, :accountId, :name, :at)")
                .bind("id", id).bind("accountId", accountId).bind("name", cleanName).bind("at", clock.instant()).execute();
        return find(h, accountId, kind, id);
    }

    public Group rename(SignedInUser who, GroupKind kind, String id, String name) {
        authorization.require(who, Role.MANAGER);
        String clean = validName(name);
        return database.jdbi().inTransaction(h -> {
            Group before = find(h, who.accountId(), kind, id);
            requireFreeName(h, who.accountId(), kind, clean, id);
            h.createUpdate("UPDATE " + kind.table + " SET name = :name WHERE id = :id AND account_id = :accountId")
                    .bind("name", clean).bind("id", id).bind("accountId", who.accountId()).execute();
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.UPDATED, kind.label() + " " + clean,
                    before.name().equals(clean) ? null : "Was " + before.name());
            return find(h, who.accountId(), kind, id);
        });
    }

    /** Deletes a group that no grant names (revoked group grants keep theirs as history), with its memberships. */
    public void delete(SignedInUser who, GroupKind kind, String id) {
        authorization.require(who, Role.MANAGER);
        database.jdbi().useTransaction(h -> {
            Group group = find(h, who.accountId(), kind, id);
            for (MembershipParticipant participant : participants) {
                Optional<String> kept = participant.keeps(h, who.accountId(), kind, id);
                if (kept.isPresent()) {
                    throw new ConflictException("id", group.name() + " " + kept.get() + ": the group cannot be deleted");
                }
            }
            h.createUpdate("DELETE FROM " + kind.members + " WHERE group_id = :id AND account_id = :accountId")
                    .bind("id", id).bind("accountId", who.accountId()).execute();
            h.createUpdate("DELETE FROM " + kind.table + " WHERE id = :id AND account_id = :accountId")
                    .bind("id", id).bind("accountId", who.accountId()).execute();
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.DELETED, kind.label() + " " + group.name(), null);
        });
    }

    /** The ids of the group's members (people or locks), in the order they joined. */
    public List<String> members(SignedInUser who, GroupKind kind, String id) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> {
            find(h, who.accountId(), kind, id);
            return memberIds(h, who.accountId(), kind, id);
        });
    }

    public static List<String> memberIds(Handle h, String accountId, GroupKind kind, String groupId) {
        return h.createQuery("SELECT " + kind.memberColumn + " FROM " + kind.members
                        + " WHERE group_id = :id AND account_id = :accountId ORDER BY added_at, " + kind.memberColumn)
                .bind("id", groupId).bind("accountId", accountId).mapTo(String.class).list();
    }

    /** The names of the groups each of these people (PEOPLE) or locks (LOCKS) is in, by name; for exports. */
    public static java.util.Map<String, List<String>> groupNamesOf(Handle h, String accountId, GroupKind kind,
            Collection<String> memberIds) {
        java.util.Map<String, List<String>> names = new java.util.HashMap<>();
        if (memberIds.isEmpty()) {
            return names;
        }
        h.createQuery("SELECT m." + kind.memberColumn + " AS member, g.name AS name FROM " + kind.members + " m JOIN " + kind.table
                        + " g ON g.id = m.group_id WHERE m.account_id = :accountId AND m." + kind.memberColumn
                        + " IN (<ids>) ORDER BY g.name")
                .bind("accountId", accountId).bindList("ids", List.copyOf(memberIds))
                .map((rs, ctx) -> new String[] {rs.getString("member"), rs.getString("name")})
                .forEach(row -> names.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]));
        return names;
    }

    /** The groups of this kind a person (PEOPLE) or lock (LOCKS) is a member of, by name. */
    public List<Group> groupsOf(SignedInUser who, GroupKind kind, String memberId) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> groupsOf(h, who.accountId(), kind, memberId));
    }

    public static List<Group> groupsOf(Handle h, String accountId, GroupKind kind, String memberId) {
        return h.createQuery(select(kind) + "WHERE g.account_id = :accountId AND g.id IN (SELECT group_id FROM " + kind.members
                        + " WHERE " + kind.memberColumn + " = :member AND account_id = :accountId) ORDER BY g.name, g.id")
                .bind("accountId", accountId).bind("member", memberId).map(mapper(kind)).list();
    }

    /**
     * Adds people (PEOPLE) or locks (LOCKS) of the account; those already in the group stay as they are.
     * An id that is not the account's person or lock changes nothing and answers 400.
     */
    public Group addMembers(SignedInUser who, GroupKind kind, String id, Collection<String> memberIds) {
        return change(who, kind, id, memberIds, true);
    }

    /** Removes members; ids that are not members are passed over. */
    public Group removeMembers(SignedInUser who, GroupKind kind, String id, Collection<String> memberIds) {
        return change(who, kind, id, memberIds, false);
    }

    private Group change(SignedInUser who, GroupKind kind, String id, Collection<String> memberIds, boolean add) {
        authorization.require(who, Role.MANAGER);
        Set<String> ids = requireIds(kind, memberIds);
        List<Runnable> after = new ArrayList<>();
        Group changed = database.jdbi().inTransaction(h -> {
            Group group = find(h, who.accountId(), kind, id);
            Set<String> done = add ? insertMembers(h, who.accountId(), kind, group, ids) : deleteMembers(h, who.accountId(), kind, group, ids);
            if (done.isEmpty()) {
                return group;
            }
            audit.record(h, who.accountId(), Audited.by(who), add ? AuditAction.CREATED : AuditAction.DELETED,
                    kind.label() + " " + group.name() + " membership", (add ? "Added " : "Removed ") + done.size() + " "
                            + (done.size() == 1 ? kind.memberLabel() : kind == GroupKind.PEOPLE ? "people" : "locks") + ": "
                            + String.join(", ", done));
            Group now = find(h, who.accountId(), kind, id);
            MembershipChange change = new MembershipChange(who.accountId(), who.email(), now, add ? done : Set.of(),
                    add ? Set.of() : done);
            participants.forEach(participant -> after.add(participant.membershipChanged(h, change)));
            return now;
        });
        // After the outer commit inside a bulk change; never in a what-if's rehearsal.
        dev.portier.platform.db.AfterCommit.run(() -> after.forEach(Runnable::run));
        return changed;
    }

    /**
     * Puts a person in exactly these people groups, or a lock in exactly these lock groups (within the
     * caller's transaction, audited by the caller; for imports). Returns the after-commit work to run.
     */
    public List<Runnable> setGroupsOf(Handle h, String accountId, String actor, GroupKind kind, String memberId,
            Collection<String> groupIds) {
        List<Runnable> after = new ArrayList<>();
        Set<String> now = new LinkedHashSet<>(groupsOf(h, accountId, kind, memberId).stream().map(Group::id).toList());
        Set<String> wanted = new LinkedHashSet<>(groupIds);
        for (String groupId : wanted) {
            if (!now.contains(groupId)) {
                Group group = find(h, accountId, kind, groupId);
                Set<String> done = insertMembers(h, accountId, kind, group, Set.of(memberId));
                MembershipChange change = new MembershipChange(accountId, actor, find(h, accountId, kind, groupId), done, Set.of());
                participants.forEach(participant -> after.add(participant.membershipChanged(h, change)));
            }
        }
        for (String groupId : now) {
            if (!wanted.contains(groupId)) {
                Group group = find(h, accountId, kind, groupId);
                Set<String> done = deleteMembers(h, accountId, kind, group, Set.of(memberId));
                MembershipChange change = new MembershipChange(accountId, actor, find(h, accountId, kind, groupId), Set.of(), done);
                participants.forEach(participant -> after.add(participant.membershipChanged(h, change)));
            }
        }
        return after;
    }

    private Set<String> insertMembers(Handle h, String accountId, GroupKind kind, Group group, Set<String> ids) {
        Set<String> added = new LinkedHashSet<>();
        for (String memberId : ids) {
            requireMember(h, accountId, kind, memberId);
            int rows = h.createUpdate("INSERT INTO " + kind.members + " (group_id, " + kind.memberColumn + ", account_id, added_at) "
                            + "VALUES (:group, :member, :accountId, :at) ON CONFLICT (group_id, " + kind.memberColumn + ") DO NOTHING")
                    .bind("group", group.id()).bind("member", memberId).bind("accountId", accountId).bind("at", clock.instant())
                    .execute();
            if (rows > 0) {
                added.add(memberId);
            }
        }
        return added;
    }

    private static Set<String> deleteMembers(Handle h, String accountId, GroupKind kind, Group group, Set<String> ids) {
        Set<String> removed = new LinkedHashSet<>();
        for (String memberId : ids) {
            int rows = h.createUpdate("DELETE FROM " + kind.members + " WHERE group_id = :group AND " + kind.memberColumn
                            + " = :member AND account_id = :accountId")
                    .bind("group", group.id()).bind("member", memberId).bind("accountId", accountId).execute();
            if (rows > 0) {
                removed.add(memberId);
            }
        }
        return removed;
    }

    private static void requireMember(Handle h, String accountId, GroupKind kind, String memberId) {
        try {
            if (kind == GroupKind.PEOPLE) {
                PersonService.find(h, accountId, memberId);
            } else {
                LockService.find(h, accountId, memberId);
            }
        } catch (NotFoundException e) {
            throw ValidationException.of("members", "Choose " + (kind == GroupKind.PEOPLE ? "people" : "locks")
                    + " of this account (" + memberId + " is not one)");
        }
    }

    private static Set<String> requireIds(GroupKind kind, Collection<String> memberIds) {
        if (memberIds == null || memberIds.isEmpty() || memberIds.stream().anyMatch(m -> m == null || m.isBlank())) {
            throw ValidationException.of("members", "Choose at least one " + kind.memberLabel());
        }
        if (memberIds.size() > 10_000) {
            throw ValidationException.of("members", "At most 10,000 members at a time");
        }
        return new LinkedHashSet<>(memberIds.stream().map(String::strip).toList());
    }

    public static String validName(String name) {
        new ValidationException.Collector().check("name", TextRules.validateName(name, "a name", MAX_NAME)).throwIfAny();
        return name.strip();
    }

    private static void requireFreeName(Handle h, String accountId, GroupKind kind, String name, String exceptId) {
        findByName(h, accountId, kind, name).filter(g -> !g.id().equals(exceptId)).ifPresent(g -> {
            throw new ConflictException("name", "There already is a " + kind.label().toLowerCase() + " named " + g.name());
        });
    }
}
