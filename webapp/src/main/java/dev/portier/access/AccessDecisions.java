package dev.portier.access;

import dev.portier.domain.reservations.ReservationAllowance;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.Role;
import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.cards.CardState;
import dev.portier.platform.db.Database;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.grants.GrantStatus;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.domain.people.PersonService;
import dev.portier.domain.reservations.ReservationAccess;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.SignedInUser;
import java.time.Instant;
import java.util.function.Predicate;
import java.time.LocalDate;
import dev.portier.domain.holidays.SiteHolidays;
import dev.portier.domain.holidays.HolidayService;
import dev.portier.domain.grants.GroupGrantService;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The one access decision of Portier. The explain view, the API, on-demand keys, vendor check-in
 * requests and the lock simulators all ask here; there is no second copy of these rules.
 *
 * <p>A subject may act at a lock when the lock is not decommissioned, a card subject is active, and
 * at least one grant for the subject (for a card: also for the person it is assigned to) on that
 * lock or its site is not revoked, is valid at the instant, includes the permission, and — when it
 * has a schedule — has a window open at the instant in the site's time zone. A vehicle also opens to
 * whoever has booked it: a SCHEDULED or CHECKED_IN reservation running at the instant, for the person
 * (or the card's person, or listing the card), that includes the permission (Portier's UNLOCK, LOCK and
 * IGNITION as the vendor's Unlock, Lock and IgnitionEnable). At a vehicle the subject's running booking
 * answers first, even when a grant would also allow: what it allows ends with the booking, and a
 * vendor's check-in is recorded on it (Geotab's online CheckIn). Elsewhere only grants count.
 *
 * <p>A schedule that observes holidays ("holidays closed", holiday hours) looks up the holidays of the
 * lock's site — one indexed query, only when a candidate grant's schedule observes them — and is closed on
 * a holiday (a whole local day in the site's zone) except in its holiday hours: {@link DenialReason#HOLIDAY_CLOSED}.
 */
@Singleton
public final class AccessDecisions {

    // One query per subject column: with "person_id = ? OR card_id = ?" beside "account_id = ?",
    // SQLite walks the account index, i.e. every grant of the account (about 25 ms at 100,000
    // grants, see the bench profile); with one subject column it searches that column's index.
    private static final String CANDIDATES_WHERE = "AND g.account_id = :accountId AND (g.lock_id = :lockId OR g.site_id = :siteId)";
    private static final String PERSON_CANDIDATES = GrantService.SELECT + "WHERE g.person_id = :subjectId " + CANDIDATES_WHERE;
    private static final String CARD_CANDIDATES = GrantService.SELECT + "WHERE g.card_id = :subjectId " + CANDIDATES_WHERE;

    private final Database database;
    private final Authorization authorization;
    private final LockService lockService;
    private final io.micrometer.core.instrument.Counter allowed;
    private final io.micrometer.core.instrument.Counter denied;

    @Inject
    AccessDecisions(Database database, Authorization authorization, dev.portier.platform.metrics.Metrics metrics,
            LockService lockService) {
        this.database = database;
        this.lockService = lockService;
        this.authorization = authorization;
        this.allowed = io.micrometer.core.instrument.Counter.builder("portier.access.decisions").tag("outcome", "allowed")
                .description("Access decisions by outcome").register(metrics.registry());
        this.denied = io.micrometer.core.instrument.Counter.builder("portier.access.decisions").tag("outcome", "denied")
                .description("Access decisions by outcome").register(metrics.registry());
    }

    /** For people looking (explain view, API): the user must be able to read the account. */
    public Decision explain(SignedInUser who, Subject subject, String lockId, Permission permission, Instant at) {
        authorization.require(who, Role.VIEWER);
        Decision decision = decide(who.accountId(), subject, lockId, permission, at);
        java.util.Set<String> groupGrants = new LinkedHashSet<>();
        decision.considered().forEach(v -> groupGrants.add(v.grant().groupGrantId()));
        groupGrants.remove(null);
        if (groupGrants.isEmpty()) {
            return decision;
        }
        // Names of group grants and groups only for the verdicts shown: the door's decisions never read them.
        return decision.withOrigins(database.jdbi().withHandle(h -> GroupGrantService.origins(h, who.accountId(), groupGrants)));
    }

    /**
     * Decides within {@code accountId}. Unknown (or other accounts') locks, people and cards throw
     * {@link dev.portier.platform.validation.NotFoundException}.
     */
    public Decision decide(String accountId, Subject subject, String lockId, Permission permission, Instant at) {
        Decision decision = database.jdbi().withHandle(h -> decide(h, accountId, subject, lockId, permission, at));
        (decision.allowed() ? allowed : denied).increment();
        return decision;
    }

    /**
     * The same decision read through {@code h}: inside a transaction that has not committed (the what-if of a change,
     * see {@link dev.portier.access.whatif.WhatIfs}) or on committed data. Not counted in the decision metrics.
     */
    public Decision decide(Handle h, String accountId, Subject subject, String lockId, Permission permission, Instant at) {
        return judge(h, load(h, accountId, subject, LockService.find(h, accountId, lockId)), permission, at);
    }

    /**
     * What the decision at one lock depends on apart from the instant: the lock, the subject's state and
     * the candidate grants. Loaded once, judged at any number of instants ({@link #overview}).
     */
    private record Facts(String accountId, Subject subject, Lock lock, ZoneId zone, Set<DenialReason> blockers, String personId,
            String cardId, List<Grant> candidates, SiteHolidays holidays) {

        Predicate<LocalDate> holiday() {
            return holidays::isHoliday;
        }
    }

    private static Facts load(Handle h, String accountId, Subject subject, Lock lock) {
        ZoneId zone = ZoneId.of(lock.siteTimeZone());
        Set<DenialReason> blockers = new LinkedHashSet<>();
        if (lock.state() == LockState.DECOMMISSIONED) {
            blockers.add(DenialReason.LOCK_DECOMMISSIONED);
        }
        String personId;
        String cardId = null;
        switch (subject) {
            // The person is looked up only when no grant names them (below): a grant of the account on them proves them.
            case Subject.Person person -> personId = person.id();
            case Subject.Card cardSubject -> {
                Card card = CardService.find(h, accountId, cardSubject.id());
                cardId = card.id();
                personId = card.personId();
                if (card.state() == CardState.LOST) {
                    blockers.add(DenialReason.CARD_LOST);
                } else if (card.state() == CardState.RETIRED) {
                    blockers.add(DenialReason.CARD_RETIRED);
                }
            }
        }
        List<Grant> candidates = new ArrayList<>();
        if (personId != null) {
            candidates.addAll(candidates(h, PERSON_CANDIDATES, personId, accountId, lock));
        }
        if (cardId != null) {
            candidates.addAll(candidates(h, CARD_CANDIDATES, cardId, accountId, lock));
        }
        if (subject instanceof Subject.Person && candidates.isEmpty()) {
            PersonService.find(h, accountId, personId); // unknown (or another account's) person: not found
        }
        SiteHolidays holidays = candidates.stream().anyMatch(AccessDecisions::observesHolidays)
                ? HolidayService.forSite(h, accountId, lock.siteId()) : SiteHolidays.NONE;
        return new Facts(accountId, subject, lock, zone, blockers, personId, cardId, List.copyOf(candidates), holidays);
    }

    private static Decision judge(Handle h, Facts facts, Permission permission, Instant at) {
        Lock lock = facts.lock();
        ZoneId zone = facts.zone();
        Subject subject = facts.subject();
        Set<DenialReason> blockers = facts.blockers();
        SiteHolidays holidays = facts.holidays();
        Predicate<LocalDate> holiday = facts.holiday();
        List<GrantVerdict> considered = new ArrayList<>();
        for (Grant grant : facts.candidates()) {
            considered.add(new GrantVerdict(grant, reasonAgainst(grant, permission, at, zone, holiday)));
        }
        // Only vehicles are booked, so other locks never pay for the reservation lookup.
        Optional<ReservationAccess.Booking> booking = lock.kind() == LockKind.VEHICLE
                ? ReservationAccess.current(h, facts.accountId(), lock.id(), facts.personId(), facts.cardId(), at) : Optional.empty();
        if (blockers.isEmpty() && booking.isPresent() && booking.get().allows(permission)) {
            ReservationAllowance allowance = booking.get().allowance();
            return new Decision(true, subject, lock.id(), permission, at, zone, null, allowance.endAt(), List.of(), considered,
                    allowance, holidays);
        }
        List<Grant> allowing = considered.stream().filter(GrantVerdict::allows).map(GrantVerdict::grant).toList();
        if (blockers.isEmpty() && !allowing.isEmpty()) {
            Grant best = allowing.stream().max(Comparator
                    .comparing((Grant g) -> openUntil(g, at, zone, holiday), Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(g -> g.lockId() != null)).orElseThrow();
            return new Decision(true, subject, lock.id(), permission, at, zone, best, openUntil(best, at, zone, holiday), List.of(),
                    considered, null, holidays);
        }
        List<DenialReason> reasons = new ArrayList<>(blockers);
        if (considered.isEmpty() && booking.isEmpty()) {
            reasons.add(DenialReason.NO_GRANT);
        }
        if (booking.isPresent() && !booking.get().allows(permission)) {
            reasons.add(DenialReason.MISSING_PERMISSION);
        }
        considered.stream().map(GrantVerdict::reason).filter(r -> r != null && !reasons.contains(r)).forEach(reasons::add);
        return new Decision(false, subject, lock.id(), permission, at, zone, null, null, List.copyOf(reasons), considered, null,
                holidays);
    }

    /**
     * Every lock of the account for one subject: the decision at {@code from}, and the spans of
     * {@code [from, until)} in which the subject may act, each with what allows it. The same decision as
     * {@link #decide}, taken at every instant where its answer can change — the starts and ends of the
     * candidate grants, of their schedule windows (in the lock's site zone) and of the subject's bookings
     * of the lock — so between two such instants it holds throughout. Unknown (or other accounts') people
     * and cards throw {@link dev.portier.platform.validation.NotFoundException}.
     */
    public List<LockAccess> overview(SignedInUser who, Subject subject, Permission permission, Instant from, Instant until) {
        authorization.require(who, Role.VIEWER);
        String accountId = who.accountId();
        List<Lock> locks = lockService.list(who, dev.portier.domain.locks.LockFilter.NONE,
                new dev.portier.platform.db.PageRequest(0, dev.portier.platform.db.PageRequest.MAX_LIMIT));
        return database.jdbi().withHandle(h -> {
            if (subject instanceof Subject.Person person) {
                PersonService.find(h, accountId, person.id());
            } else {
                CardService.find(h, accountId, subject.id());
            }
            List<LockAccess> result = new ArrayList<>();
            for (Lock lock : locks) {
                Facts facts = load(h, accountId, subject, lock);
                Decision now = judge(h, facts, permission, from);
                result.add(new LockAccess(lock, now, openings(h, facts, permission, now, from, until)));
            }
            return result;
        });
    }

    private static List<LockAccess.Opening> openings(Handle h, Facts facts, Permission permission, Decision first, Instant from,
            Instant until) {
        java.util.TreeSet<Instant> changes = new java.util.TreeSet<>();
        for (Grant grant : facts.candidates()) {
            addIfWithin(changes, grant.validFrom(), from, until);
            addIfWithin(changes, grant.validUntil(), from, until);
            if (grant.schedule() != null) {
                Instant t = from;
                while (true) {
                    Optional<Instant> next = grant.schedule().isOpen(t, facts.zone(), facts.holiday())
                            ? grant.schedule().openUntil(t, facts.zone(), facts.holiday())
                            : grant.schedule().nextOpening(t, facts.zone(), facts.holiday());
                    if (next.isEmpty() || !next.get().isBefore(until)) {
                        break;
                    }
                    changes.add(next.get());
                    t = next.get();
                }
            }
        }
        if (facts.lock().kind() == LockKind.VEHICLE) {
            ReservationAccess.edges(h, facts.accountId(), facts.lock().id(), facts.personId(), facts.cardId(), from, until)
                    .forEach(t -> addIfWithin(changes, t, from, until));
        }
        List<LockAccess.Opening> openings = new ArrayList<>();
        Decision decision = first;
        Instant start = from;
        while (true) {
            Instant end = changes.higher(start);
            Instant spanEnd = end == null ? until : end;
            if (decision.allowed()) {
                LockAccess.Opening previous = openings.isEmpty() ? null : openings.getLast();
                if (previous != null && previous.until().equals(start) && previous.sameAllowance(decision)) {
                    openings.set(openings.size() - 1, previous.extendedTo(spanEnd));
                } else {
                    openings.add(new LockAccess.Opening(start, spanEnd, decision.grant(), decision.reservation()));
                }
            }
            if (end == null) {
                return openings;
            }
            start = end;
            decision = judge(h, facts, permission, start);
        }
    }

    private static void addIfWithin(java.util.Set<Instant> changes, Instant t, Instant from, Instant until) {
        if (t != null && t.isAfter(from) && t.isBefore(until)) {
            changes.add(t);
        }
    }

    private static List<Grant> candidates(Handle h, String sql, String subjectId, String accountId, Lock lock) {
        return h.createQuery(sql).bind("subjectId", subjectId).bind("accountId", accountId)
                .bind("lockId", lock.id()).bind("siteId", lock.siteId())
                .map(GrantService.rowMapper()).list();
    }

    private static boolean observesHolidays(Grant grant) {
        return grant.schedule() != null && grant.schedule().holidays().observed();
    }

    private static DenialReason reasonAgainst(Grant grant, Permission permission, Instant at, ZoneId zone, Predicate<LocalDate> holiday) {
        GrantStatus status = grant.status(at);
        return switch (status) {
            case REVOKED -> DenialReason.REVOKED;
            case NOT_YET_VALID -> DenialReason.NOT_YET_VALID;
            case EXPIRED -> DenialReason.EXPIRED;
            case ACTIVE -> {
                if (!grant.permissions().contains(permission)) {
                    yield DenialReason.MISSING_PERMISSION;
                }
                if (grant.schedule() != null && !grant.schedule().isOpen(at, zone, holiday)) {
                    yield grant.schedule().closedForHoliday(at, zone, holiday) ? DenialReason.HOLIDAY_CLOSED : DenialReason.OUTSIDE_SCHEDULE;
                }
                yield null;
            }
        };
    }

    /** The earlier of the grant's end and the end of the schedule window open now; null when neither ends. */
    public static Instant openUntil(Grant grant, Instant at, ZoneId zone) {
        return openUntil(grant, at, zone, SiteHolidays.NONE::isHoliday);
    }

    /** As above, where {@code holiday} says which local dates are holidays at the site ({@link Decision#holidays()}). */
    public static Instant openUntil(Grant grant, Instant at, ZoneId zone, Predicate<LocalDate> holiday) {
        Instant windowEnd = grant.schedule() == null ? null : grant.schedule().openUntil(at, zone, holiday).orElse(null);
        Instant grantEnd = grant.validUntil();
        if (windowEnd == null) {
            return grantEnd;
        }
        return grantEnd == null || windowEnd.isBefore(grantEnd) ? windowEnd : grantEnd;
    }
}
