package dev.portier.access.bulk;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.access.whatif.WhatIfDiff;
import dev.portier.access.whatif.WhatIfs;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantDraft;
import dev.portier.domain.grants.GrantFilter;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.grants.GrantState;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.groups.GroupKind;
import dev.portier.domain.groups.GroupService;
import dev.portier.domain.people.PersonService;
import dev.portier.domain.sites.SiteService;
import dev.portier.identity.accounts.Audited;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.platform.db.AfterCommit;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.Ids;
import dev.portier.platform.db.PageRequest;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.TextRules;
import dev.portier.platform.validation.ValidationException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grants to, revokes the grants of, or adds to a people group ({@link GroupService}) many selected people and cards
 * at once, through {@link GrantService} — so
 * each grant is checked, audited (folded into this change's one entry), published and synced exactly as one made
 * alone. {@link #preview} is the what-if of the whole change ({@link WhatIfs}); {@link #apply} runs the same change:
 * in the request when it selects at most {@value #IN_REQUEST_LIMIT} people and cards, otherwise on a background
 * thread, with progress, as {@link #get} shows. Either way in one transaction with one audit entry listing its items.
 * Unknown ids, or another account's, are not found (404) and nothing changes. A revoke passes over member grants of
 * group grants: they end when the person leaves the group. Progress is kept in memory by the instance that runs the
 * change; another instance answers RUNNING without progress.
 */
@Singleton
public final class BulkChanges {

    private static final Logger log = LoggerFactory.getLogger(BulkChanges.class);
    public static final int IN_REQUEST_LIMIT = 50;
    public static final int MAX_SUBJECTS = 5000;
    /** A RUNNING change no thread of this instance runs is reported failed after this long. */
    static final java.time.Duration STALE_AFTER = java.time.Duration.ofMinutes(30);
    private static final String SELECT = "SELECT * FROM bulk_changes ";

    private final Database database;
    private final Authorization authorization;
    private final GrantService grants;
    private final WhatIfs whatIfs;
    private final GroupService groups;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("portier-bulk-changes").daemon().factory());

    @Inject
    BulkChanges(Database database, Authorization authorization, GrantService grants, WhatIfs whatIfs, GroupService groups,
            AuditLog audit, Clock clock) {
        this.database = database;
        this.authorization = authorization;
        this.grants = grants;
        this.whatIfs = whatIfs;
        this.groups = groups;
        this.audit = audit;
        this.clock = clock;
    }

    /** What {@link #apply} would do, computed by rehearsing it. */
    public WhatIfDiff preview(SignedInUser who, BulkChange change) {
        String summary = check(who, change);
        return whatIfs.of(who, () -> run(who, change, summary, done -> { }));
    }

    /** Applies the change: DONE when it ran in the request, RUNNING when it runs in the background. */
    public BulkChangeRun apply(SignedInUser who, BulkChange change) {
        String summary = check(who, change);
        String id = Ids.newId();
        if (change.subjects() <= IN_REQUEST_LIMIT) {
            commit(who, change, summary, id, false, done -> { });
            return get(who, id);
        }
        database.jdbi().useTransaction(h -> h.createUpdate("INSERT INTO bulk_changes (id, account_id, action, summary, state, "
                        + "subjects, created_by, created_at) VALUES (:id, :accountId, :action, :summary, 'RUNNING', :subjects, :by, :at)")
                .bind("id", id).bind("accountId", who.accountId()).bind("action", change.action().name()).bind("summary", summary)
                .bind("subjects", change.subjects()).bind("by", who.actorLabel()).bind("at", clock.instant()).execute());
        AtomicInteger progress = new AtomicInteger();
        running.put(id, progress);
        background.execute(() -> {
            try {
                commit(who, change, summary, id, true, progress::set);
            } catch (RuntimeException e) {
                log.info("Bulk change {} failed: {}", id, e.toString());
                database.jdbi().useTransaction(h -> h.createUpdate("UPDATE bulk_changes SET state = 'FAILED', error = :error, "
                                + "finished_at = :at WHERE id = :id").bind("id", id).bind("at", clock.instant())
                        .bind("error", truncate(String.valueOf(e.getMessage()), 1000)).execute());
            } finally {
                running.remove(id);
            }
        });
        return get(who, id);
    }

    public BulkChangeRun get(SignedInUser who, String id) {
        authorization.require(who, Role.VIEWER);
        BulkChangeRun run = database.jdbi().withHandle(h -> h.createQuery(SELECT + "WHERE id = :id AND account_id = :accountId")
                .bind("id", id).bind("accountId", who.accountId()).map((rs, ctx) -> row(rs)).findOne())
                .orElseThrow(() -> new NotFoundException("bulk change"));
        if (run.state() != BulkChangeRun.State.RUNNING) {
            return run;
        }
        AtomicInteger progress = running.get(id);
        if (progress == null && run.createdAt().isAfter(clock.instant().minus(STALE_AFTER))) {
            // Running on another instance (several instances share PostgreSQL): its progress is known there only.
            return run;
        }
        if (progress == null) {
            // Running in no thread for this long: it was cut off by a stop, and its one transaction with it.
            return new BulkChangeRun(run.id(), run.action(), run.summary(), BulkChangeRun.State.FAILED, run.subjects(), 0, 0,
                    List.of(), "Portier stopped before the change was saved; nothing of it was saved", run.createdBy(),
                    run.createdAt(), null);
        }
        return new BulkChangeRun(run.id(), run.action(), run.summary(), run.state(), run.subjects(), progress.get(), 0, List.of(),
                null, run.createdBy(), run.createdAt(), null);
    }

    private void commit(SignedInUser who, BulkChange change, String summary, String id, boolean rowExists, IntConsumer progress) {
        List<String> items = new ArrayList<>();
        AfterCommit.inOneTransaction(database.jdbi(), () -> database.jdbi().withHandle(h -> {
            items.clear();
            int changed = AuditLog.folded(items, () -> run(who, change, summary, progress));
            String lines = String.join("\n", items);
            if (rowExists) {
                h.createUpdate("UPDATE bulk_changes SET state = 'DONE', grants_changed = :changed, items = :items, finished_at = :at "
                                + "WHERE id = :id").bind("id", id).bind("changed", changed).bind("items", lines)
                        .bind("at", clock.instant()).execute();
            } else {
                h.createUpdate("INSERT INTO bulk_changes (id, account_id, action, summary, state, subjects, grants_changed, items, "
                                + "created_by, created_at, finished_at) VALUES (:id, :accountId, :action, :summary, 'DONE', :subjects, "
                                + ":changed, :items, :by, :at, :at)")
                        .bind("id", id).bind("accountId", who.accountId()).bind("action", change.action().name())
                        .bind("summary", summary).bind("subjects", change.subjects()).bind("changed", changed)
                        .bind("items", lines).bind("by", who.actorLabel()).bind("at", clock.instant()).execute();
            }
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.BULK_CHANGE, summary,
                    changed + " grant(s), bulk change " + id + ": " + String.join("; ", items));
            return changed;
        }));
    }

    /** Makes the change through the grant service; answers how many grants it created or revoked. */
    private int run(SignedInUser who, BulkChange change, String summary, IntConsumer progress) {
        if (change.action() == BulkAction.ADD_TO_GROUP) {
            // One membership change; the group's grants reach the new members as member grants in the same transaction.
            int before = groups.get(who, GroupKind.PEOPLE, change.groupId()).memberCount();
            int after = groups.addMembers(who, GroupKind.PEOPLE, change.groupId(), change.personIds()).memberCount();
            progress.accept(change.subjects());
            return after - before;
        }
        int done = 0;
        int changed = 0;
        for (String[] subject : subjects(change)) {
            changed += switch (change.action()) {
                case GRANT -> {
                    grants.create(who, draft(change, subject[0], subject[1]));
                    yield 1;
                }
                case REVOKE -> {
                    int revoked = 0;
                    for (Grant grant : grants.list(who, new GrantFilter(null, subject[0], subject[1], change.lockId(), change.siteId(),
                            null), new PageRequest(0, PageRequest.MAX_LIMIT))) {
                        // A member grant ends when its person leaves the group (or its group grant is revoked), not here.
                        if (grant.state() != GrantState.REVOKED && !grant.isMemberGrant()) {
                            grants.revoke(who, grant.id(), change.reason());
                            revoked++;
                        }
                    }
                    yield revoked;
                }
                case ADD_TO_GROUP -> throw new IllegalStateException("handled above");
            };
            progress.accept(++done);
        }
        return changed;
    }

    private static List<String[]> subjects(BulkChange change) {
        List<String[]> all = new ArrayList<>();
        change.personIds().forEach(id -> all.add(new String[] {id, null}));
        change.cardIds().forEach(id -> all.add(new String[] {null, id}));
        return all;
    }

    private static GrantDraft draft(BulkChange c, String personId, String cardId) {
        return new GrantDraft(personId, cardId, c.lockId(), c.siteId(), c.validFrom(), c.validUntil(), c.schedule(),
                c.permissions(), c.delivery(), c.onDemandMinutes());
    }

    /** Checks the whole change before anything runs; answers its one-line summary. */
    private String check(SignedInUser who, BulkChange change) {
        authorization.require(who, Role.MANAGER);
        ValidationException.Collector problems = new ValidationException.Collector();
        if (change.action() == null) {
            throw ValidationException.of("action", "Choose grant or revoke");
        }
        if (change.subjects() == 0) {
            throw ValidationException.of("people", "Select at least one person or card");
        }
        if (change.subjects() > MAX_SUBJECTS) {
            throw ValidationException.of("people", "Select at most " + MAX_SUBJECTS + " people and cards at once");
        }
        if (change.lockId() != null && change.siteId() != null) {
            problems.add("target", "Choose one lock or one site, not both");
        }
        if (change.action() == BulkAction.GRANT) {
            if (change.lockId() == null && change.siteId() == null) {
                problems.add("target", "Choose the lock or site to grant");
            } else {
                String first = change.personIds().isEmpty() ? null : change.personIds().getFirst();
                try {
                    GrantService.validate(draft(change, first, first == null ? change.cardIds().getFirst() : null));
                } catch (ValidationException e) {
                    e.fieldErrors().forEach(problems::add);
                }
            }
        } else if (change.action() == BulkAction.REVOKE) {
            problems.check("reason", TextRules.validateName(change.reason(), "a reason", 500));
        } else {
            if (!change.cardIds().isEmpty()) {
                problems.add("cards", "Cards are not members of people groups: select people, not cards");
            }
            if (change.groupId() == null || change.groupId().isBlank()) {
                problems.add("groupId", "Choose the people group");
            }
        }
        problems.throwIfAny();
        String target = database.jdbi().withHandle(h -> {
            change.personIds().forEach(id -> PersonService.find(h, who.accountId(), id));
            change.cardIds().forEach(id -> CardService.find(h, who.accountId(), id));
            if (change.action() == BulkAction.ADD_TO_GROUP) {
                return GroupService.find(h, who.accountId(), GroupKind.PEOPLE, change.groupId()).name();
            }
            if (change.lockId() != null) {
                return LockService.find(h, who.accountId(), change.lockId()).name();
            }
            return change.siteId() != null ? "all of " + SiteService.find(h, who.accountId(), change.siteId()).name() : null;
        });
        String whom = count(change.personIds().size(), "person", "people") + (change.cardIds().isEmpty() ? ""
                : (change.personIds().isEmpty() ? "" : " and ") + count(change.cardIds().size(), "card", "cards"));
        if (change.personIds().isEmpty()) {
            whom = count(change.cardIds().size(), "card", "cards");
        }
        return switch (change.action()) {
            case GRANT -> "Grant " + target + " to " + whom;
            case REVOKE -> "Revoke the grants of " + whom + (target == null ? "" : " on " + target);
            case ADD_TO_GROUP -> "Add " + whom + " to the people group " + target;
        };
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static BulkChangeRun row(java.sql.ResultSet rs) throws java.sql.SQLException {
        String items = rs.getString("items");
        long finished = rs.getLong("finished_at");
        boolean noFinish = rs.wasNull();
        return new BulkChangeRun(rs.getString("id"), BulkAction.valueOf(rs.getString("action")), rs.getString("summary"),
                BulkChangeRun.State.valueOf(rs.getString("state")), rs.getInt("subjects"),
                "DONE".equals(rs.getString("state")) ? rs.getInt("subjects") : 0, rs.getInt("grants_changed"),
                items == null || items.isEmpty() ? List.of() : Arrays.asList(items.split("\n")), rs.getString("error"),
                rs.getString("created_by"), java.time.Instant.ofEpochMilli(rs.getLong("created_at")),
                noFinish ? null : java.time.Instant.ofEpochMilli(finished));
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
