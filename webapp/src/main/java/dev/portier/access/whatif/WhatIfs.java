package dev.portier.access.whatif;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.access.AccessDecisions;
import dev.portier.access.Decision;
import dev.portier.access.Subject;
import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.grants.WeeklySchedule;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.db.AfterCommit;
import dev.portier.platform.db.Database;
import dev.portier.platform.validation.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a change would do to who can open what, before it is saved. The change — any lambda on the services, e.g.
 * {@code () -> grants.update(who, id, draft)} — runs exactly as it would be applied, in a transaction that is then
 * rolled back ({@link AfterCommit#rehearse}: its audit entries, webhook messages, sync entries and grants go with the
 * rollback, and its after-commit notices — keys, vendor syncs — are never sent). The grants it touched are noted
 * ({@link ChangedGrants}); every person-or-card × lock pair they cover, before or after (the grants as they were
 * read through a second connection), is decided by {@link AccessDecisions} (the one decision) inside the rehearsal
 * (after) and, once it is rolled back, on the committed data (before), at each moment that matters: now, a grant's future start, and the next opening of each
 * of its schedule windows within a week. Vendor limits come from the drivers layer ({@link VendorLimits}).
 */
@Singleton
public final class WhatIfs {

    private static final Logger log = LoggerFactory.getLogger(WhatIfs.class);
    static final Duration HORIZON = Duration.ofDays(7);
    private static final int MAX_OPENINGS_PER_GRANT = 32;

    private final Database database;
    private final AccessDecisions decisions;
    private final LockService locks;
    private final Clock clock;
    private final Set<VendorLimits> limits;

    @Inject
    WhatIfs(Database database, AccessDecisions decisions, LockService locks, Clock clock, Set<VendorLimits> limits) {
        this.database = database;
        this.decisions = decisions;
        this.locks = locks;
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * Rehearses {@code change} for {@code who} and answers the difference. The change's own checks apply: a change
     * that would be refused (bad input, missing role, another account's ids) throws here as it would when saved.
     */
    public WhatIfDiff of(SignedInUser who, Supplier<?> change) {
        Instant now = clock.instant();
        // After: decided inside the rehearsal, which holds the write transaction only this long.
        Rehearsal rehearsal = AfterCommit.rehearse(database.jdbi(),
                () -> database.jdbi().withHandle(h -> rehearsed(h, who.accountId(), change, now)));
        // Before: the same pairs and moments on the committed data, once the rehearsal is rolled back.
        WhatIfDiff diff = database.jdbi().withHandle(h -> compare(h, who.accountId(), rehearsal));
        for (VendorLimits limit : limits) {
            try {
                diff = diff.withWarnings(limit.warnings(who, diff));
            } catch (RuntimeException e) {
                log.info("Vendor limits not checked: {}", e.toString());
                diff = diff.withWarnings(List.of("Vendor limits could not be checked: " + e.getMessage()));
            }
        }
        return diff;
    }

    /** What the rehearsal found: the pairs and moments to decide, and the decisions after the change (pair × moment). */
    private record Rehearsal(int grantsTouched, List<Pair> pairs, List<Instant> moments, List<List<Decision>> after) {
    }

    private Rehearsal rehearsed(Handle after, String accountId, Supplier<?> change, Instant now) {
        Map<String, Grant> changed = ChangedGrants.during(change);
        Map<String, Pair> pairs = new LinkedHashMap<>();
        TreeSet<Instant> moments = new TreeSet<>(List.of(now));
        // The grants as they were: read through a second connection, which sees only committed data.
        try (Handle committed = database.jdbi().open()) {
            for (Grant grant : changed.values()) {
                note(accountId, grant, now, pairs, moments);
                try {
                    note(accountId, GrantService.find(committed, accountId, grant.id()), now, pairs, moments);
                } catch (NotFoundException created) {
                    // a grant the change creates has no "before"
                }
            }
        }
        List<Instant> at = List.copyOf(moments);
        List<List<Decision>> decided = new ArrayList<>();
        for (Pair pair : pairs.values()) {
            decided.add(at.stream().map(moment -> decide(after, accountId, pair, moment)).toList());
        }
        return new Rehearsal(changed.size(), List.copyOf(pairs.values()), at, decided);
    }

    private WhatIfDiff compare(Handle before, String accountId, Rehearsal r) {
        List<PairChange> gained = new ArrayList<>();
        List<PairChange> lost = new ArrayList<>();
        for (int p = 0; p < r.pairs().size(); p++) {
            Pair pair = r.pairs().get(p);
            PairChange gain = null;
            PairChange loss = null;
            for (int m = 0; m < r.moments().size(); m++) {
                Decision now = r.after().get(p).get(m);
                Decision then = decide(before, accountId, pair, r.moments().get(m));
                if (gain == null && allowed(now) && !allowed(then)) {
                    gain = pair.change(r.moments().get(m), now);
                }
                if (loss == null && allowed(then) && !allowed(now)) {
                    loss = pair.change(r.moments().get(m), then);
                }
            }
            if (gain != null) {
                gained.add(gain);
            }
            if (loss != null) {
                lost.add(loss);
            }
        }
        Comparator<PairChange> order = Comparator.comparing(PairChange::subjectName, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(PairChange::lockName, String.CASE_INSENSITIVE_ORDER);
        gained.sort(order);
        lost.sort(order);
        return new WhatIfDiff(r.grantsTouched(), r.pairs().size(), List.copyOf(gained), List.copyOf(lost), r.moments(), List.of());
    }

    private Decision decide(Handle h, String accountId, Pair pair, Instant at) {
        try {
            return decisions.decide(h, accountId, pair.subject(), pair.lock().id(), Permission.UNLOCK, at);
        } catch (NotFoundException gone) {
            return null;
        }
    }

    private static boolean allowed(Decision decision) {
        return decision != null && decision.allowed();
    }

    /** The pairs {@code grant} covers and the moments at which it opens. */
    private void note(String accountId, Grant grant, Instant now, Map<String, Pair> pairs, Set<Instant> moments) {
        List<Lock> covered = grant.lockId() != null ? locks.covered(accountId, List.of(grant.lockId()), List.of())
                : locks.covered(accountId, List.of(), List.of(grant.siteId()));
        Subject subject = grant.personId() != null ? new Subject.Person(grant.personId()) : new Subject.Card(grant.cardId());
        for (Lock lock : covered) {
            pairs.putIfAbsent(subject.getClass().getSimpleName() + ":" + subject.id() + "@" + lock.id(),
                    new Pair(subject, grant.subjectLabel(), lock));
        }
        if (!covered.isEmpty()) {
            moments.addAll(openings(grant, ZoneId.of(covered.getFirst().siteTimeZone()), now));
        }
    }

    /** A grant's future start, and the next opening of each of its windows within {@link #HORIZON} of it. */
    static List<Instant> openings(Grant grant, ZoneId zone, Instant now) {
        List<Instant> found = new ArrayList<>();
        Instant start = grant.validFrom() != null && grant.validFrom().isAfter(now) ? grant.validFrom() : now;
        if (start.isAfter(now)) {
            found.add(start);
        }
        WeeklySchedule schedule = grant.schedule();
        if (schedule == null) {
            return found;
        }
        Instant end = start.plus(HORIZON);
        Instant t = start;
        for (int i = 0; i < MAX_OPENINGS_PER_GRANT && t.isBefore(end); i++) {
            if (schedule.isOpen(t, zone)) {
                found.add(t);
                Optional<Instant> closes = schedule.openUntil(t, zone);
                if (closes.isEmpty()) {
                    break;
                }
                t = closes.get();
            } else {
                Optional<Instant> opens = schedule.nextOpening(t, zone);
                if (opens.isEmpty() || !opens.get().isBefore(end)) {
                    break;
                }
                t = opens.get();
            }
        }
        return found;
    }

    private record Pair(Subject subject, String subjectName, Lock lock) {
        PairChange change(Instant at, Decision decision) {
            Grant grant = decision.allowingGrant().orElse(null);
            return new PairChange(subject, subjectName, lock.id(), lock.name(), at, grant == null ? null : grant.id(),
                    grant != null && grant.delivery() == Delivery.PRE_ISSUED);
        }
    }
}
