package dev.portier.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.identity.accounts.AccountService;
import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardDraft;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.cards.CardState;
import dev.portier.domain.cards.CardType;
import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantDraft;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonDraft;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.testing.TestServices;
import dev.portier.platform.validation.NotFoundException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decision matrix: every rule of the one access decision, at its edges. */
class AccessDecisionsTest {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final Set<Permission> UNLOCK = EnumSet.of(Permission.UNLOCK);

    @TempDir
    Path dir;
    TestServices services;
    AccessDecisions decisions;
    GrantService grants;
    SignedInUser owner;
    Site oslo;
    Site newYork;
    Lock frontDoor;
    Lock backDoor;
    Lock nyDoor;
    Person pia;
    Card piasCard;
    Card looseCard;

    @BeforeEach
    void start() {
        services = new TestServices(dir, Clock.systemUTC());
        decisions = services.get(AccessDecisions.class);
        grants = services.get(GrantService.class);
        owner = services.setUpOwner();
        SiteService sites = services.get(SiteService.class);
        oslo = sites.create(owner, new SiteDraft("Oslo office", "Storgata 1", "Europe/Oslo"));
        newYork = sites.create(owner, new SiteDraft("NY depot", null, "America/New_York"));
        LockService locks = services.get(LockService.class);
        frontDoor = locks.create(owner, new LockDraft(oslo.id(), "Front door", LockKind.DOOR, null, null, LockState.ACTIVE));
        backDoor = locks.create(owner, new LockDraft(oslo.id(), "Back door", LockKind.DOOR, null, null, LockState.ACTIVE));
        nyDoor = locks.create(owner, new LockDraft(newYork.id(), "NY gate", LockKind.GATE, null, null, LockState.ACTIVE));
        pia = services.get(PersonService.class).create(owner, new PersonDraft("Pia", "pia@example.com", "+47 123 45 678", null));
        CardService cards = services.get(CardService.class);
        piasCard = cards.create(owner, new CardDraft(CardType.GEOTAB_TAPCARD, "6D4297YA01", pia.id(), null, CardState.ACTIVE));
        looseCard = cards.create(owner, new CardDraft(CardType.GENERIC_NFC, "04:A2:2B:91", null, "spare", CardState.ACTIVE));
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void withoutAGrantNobodyGetsIn() {
        Decision d = decide(person(), frontDoor, Instant.parse("2026-03-02T10:00:00Z"));
        assertThat(d.allowed()).isFalse();
        assertThat(d.reasons()).containsExactly(DenialReason.NO_GRANT);
        assertThat(d.considered()).isEmpty();
    }

    @Test
    void validityEdgesAreInclusiveFromAndExclusiveUntil() {
        Instant from = Instant.parse("2026-03-02T08:00:00Z");
        Instant until = Instant.parse("2026-03-09T08:00:00Z");
        Grant g = grant(pia.id(), null, frontDoor.id(), null, from, until, null, UNLOCK);

        assertThat(decide(person(), frontDoor, from.minusMillis(1)).reasons()).containsExactly(DenialReason.NOT_YET_VALID);
        assertThat(decide(person(), frontDoor, from).allowingGrant()).hasValueSatisfying(a -> assertThat(a.id()).isEqualTo(g.id()));
        assertThat(decide(person(), frontDoor, until.minusMillis(1)).openUntilIfAny()).contains(until);
        assertThat(decide(person(), frontDoor, until).reasons()).containsExactly(DenialReason.EXPIRED);
    }

    @Test
    void severalWindowsADayAndTheOpenUntilOfTheCurrentOne() {
        Instant until = at("2026-03-31T00:00");
        grant(pia.id(), null, frontDoor.id(), null, null, until, "MO-FR 07:00-12:00; MO-FR 13:00-18:00", UNLOCK);

        Decision morning = decide(person(), frontDoor, at("2026-03-02T09:00"));
        assertThat(morning.allowed()).isTrue();
        assertThat(morning.openUntil()).isEqualTo(at("2026-03-02T12:00"));
        assertThat(decide(person(), frontDoor, at("2026-03-02T12:30")).reasons()).containsExactly(DenialReason.OUTSIDE_SCHEDULE);
        assertThat(decide(person(), frontDoor, at("2026-03-02T13:00")).allowed()).isTrue();
        assertThat(decide(person(), frontDoor, at("2026-03-07T10:00")).reasons()).as("Saturday")
                .containsExactly(DenialReason.OUTSIDE_SCHEDULE);
        assertThat(decide(person(), frontDoor, at("2026-03-30T17:00")).openUntil()).isEqualTo(at("2026-03-30T18:00"));
    }

    @Test
    void theGrantsEndCutsAnOpenWindowShort() {
        grant(pia.id(), null, frontDoor.id(), null, null, at("2026-03-02T10:00"), "MO-FR 07:00-12:00", UNLOCK);
        assertThat(decide(person(), frontDoor, at("2026-03-02T09:00")).openUntil()).isEqualTo(at("2026-03-02T10:00"));
    }

    @Test
    void aSiteGrantCoversEveryLockOfThatSiteOnly() {
        grant(pia.id(), null, null, oslo.id(), null, null, null, UNLOCK);
        Instant now = at("2026-03-02T09:00");
        assertThat(decide(person(), frontDoor, now).allowed()).isTrue();
        assertThat(decide(person(), backDoor, now).allowed()).isTrue();
        assertThat(decide(person(), nyDoor, now).reasons()).containsExactly(DenialReason.NO_GRANT);
    }

    @Test
    void aCardIsCoveredByItsOwnGrantsAndItsHoldersGrants() {
        grant(pia.id(), null, frontDoor.id(), null, null, null, null, UNLOCK);
        grant(null, looseCard.id(), backDoor.id(), null, null, null, null, UNLOCK);
        Instant now = at("2026-03-02T09:00");

        assertThat(decide(new Subject.Card(piasCard.id()), frontDoor, now).allowed()).as("via Pia").isTrue();
        assertThat(decide(new Subject.Card(looseCard.id()), frontDoor, now).allowed()).isFalse();
        assertThat(decide(new Subject.Card(looseCard.id()), backDoor, now).allowed()).as("its own grant").isTrue();
        assertThat(decide(person(), backDoor, now).allowed()).as("a card's grant is not its holder's").isFalse();
    }

    @Test
    void aLostOrRetiredCardOpensNothing() {
        grant(pia.id(), null, frontDoor.id(), null, null, null, null, UNLOCK);
        CardService cards = services.get(CardService.class);
        cards.update(owner, piasCard.id(), new CardDraft(CardType.GEOTAB_TAPCARD, "6D4297YA01", pia.id(), null, CardState.LOST));
        Decision lost = decide(new Subject.Card(piasCard.id()), frontDoor, at("2026-03-02T09:00"));
        assertThat(lost.allowed()).isFalse();
        assertThat(lost.reasons()).containsExactly(DenialReason.CARD_LOST);
        assertThat(lost.considered()).as("the grant is shown, and would allow").singleElement().satisfies(v -> assertThat(v.allows()).isTrue());

        cards.update(owner, piasCard.id(), new CardDraft(CardType.GEOTAB_TAPCARD, "6D4297YA01", pia.id(), null, CardState.RETIRED));
        assertThat(decide(new Subject.Card(piasCard.id()), frontDoor, at("2026-03-02T09:00")).reasons())
                .containsExactly(DenialReason.CARD_RETIRED);
        assertThat(decide(person(), frontDoor, at("2026-03-02T09:00")).allowed()).as("Pia's phone still works").isTrue();
    }

    @Test
    void revokedGrantsDenyButAnotherValidGrantStillAllows() {
        Grant revoked = grant(pia.id(), null, frontDoor.id(), null, null, null, null, UNLOCK);
        grants.revoke(owner, revoked.id(), "key returned");
        assertThat(decide(person(), frontDoor, at("2026-03-02T09:00")).reasons()).containsExactly(DenialReason.REVOKED);

        Grant siteWide = grant(pia.id(), null, null, oslo.id(), null, null, null, UNLOCK);
        Decision d = decide(person(), frontDoor, at("2026-03-02T09:00"));
        assertThat(d.allowed()).isTrue();
        assertThat(d.grant().id()).isEqualTo(siteWide.id());
        assertThat(d.considered()).hasSize(2);
    }

    @Test
    void aDecommissionedLockOpensForNobody() {
        grant(pia.id(), null, frontDoor.id(), null, null, null, null, UNLOCK);
        services.get(LockService.class).update(owner, frontDoor.id(),
                new LockDraft(oslo.id(), "Front door", LockKind.DOOR, null, null, LockState.DECOMMISSIONED));
        assertThat(decide(person(), frontDoor, at("2026-03-02T09:00")).reasons()).containsExactly(DenialReason.LOCK_DECOMMISSIONED);
    }

    @Test
    void thePermissionMustBeGranted() {
        grant(pia.id(), null, frontDoor.id(), null, null, null, null, EnumSet.of(Permission.LOCK));
        assertThat(decisions.decide(owner.accountId(), person(), frontDoor.id(), Permission.UNLOCK, at("2026-03-02T09:00")).reasons())
                .containsExactly(DenialReason.MISSING_PERMISSION);
        assertThat(decisions.decide(owner.accountId(), person(), frontDoor.id(), Permission.LOCK, at("2026-03-02T09:00")).allowed())
                .isTrue();
    }

    @Test
    void schedulesRunInTheLocksSiteTimeZone() {
        grant(pia.id(), null, null, oslo.id(), null, null, "MO-FR 09:00-17:00", UNLOCK);
        grant(pia.id(), null, null, newYork.id(), null, null, "MO-FR 09:00-17:00", UNLOCK);
        Instant osloMorning = Instant.parse("2026-03-02T08:30:00Z"); // 09:30 in Oslo, 03:30 in New York
        assertThat(decide(person(), frontDoor, osloMorning).allowed()).isTrue();
        assertThat(decide(person(), nyDoor, osloMorning).reasons()).containsExactly(DenialReason.OUTSIDE_SCHEDULE);
        assertThat(decide(person(), nyDoor, Instant.parse("2026-03-02T14:30:00Z")).allowed()).as("09:30 EST").isTrue();
        assertThat(decide(person(), nyDoor, Instant.parse("2026-03-09T13:30:00Z")).allowed()).as("09:30 EDT, after spring forward").isTrue();
        assertThat(decide(person(), nyDoor, Instant.parse("2026-03-09T21:30:00Z")).allowed()).as("17:30 EDT").isFalse();
    }

    @Test
    void anotherAccountsIdsAreNotFound() {
        SignedInUser beta = services.get(AccountService.class).create(owner, "Beta", "UTC");
        assertThatThrownBy(() -> decisions.explain(beta, person(), frontDoor.id(), Permission.UNLOCK, Instant.now()))
                .isInstanceOf(NotFoundException.class);
        Site betaSite = services.get(SiteService.class).create(beta, new SiteDraft("Beta site", null, "UTC"));
        Lock betaLock = services.get(LockService.class).create(beta,
                new LockDraft(betaSite.id(), "Beta door", LockKind.DOOR, null, null, LockState.ACTIVE));
        assertThatThrownBy(() -> decisions.explain(beta, person(), betaLock.id(), Permission.UNLOCK, Instant.now()))
                .as("Pia belongs to Acme").isInstanceOf(NotFoundException.class);
    }

    @Test
    void theOverviewTellsEveryLocksOpeningsOfTheWeekAsTheDecisionAtEachMomentWould() {
        grant(pia.id(), null, frontDoor.id(), null, null, null, "MO-FR 07:00-12:00; MO-FR 13:00-18:00", UNLOCK);
        Grant site = grant(pia.id(), null, null, oslo.id(), at("2026-03-04T10:00"), at("2026-03-06T10:00"), null, UNLOCK);
        grant(pia.id(), null, null, newYork.id(), null, null, "MO-FR 09:00-17:00", UNLOCK);
        Instant from = at("2026-03-02T09:00");
        Instant until = from.plus(java.time.Duration.ofDays(7));

        java.util.List<LockAccess> overview = decisions.overview(owner, person(), Permission.UNLOCK, from, until);

        assertThat(overview).extracting(a -> a.lock().name()).containsExactly("Back door", "Front door", "NY gate");
        LockAccess back = overview.get(0);
        assertThat(back.now().allowed()).isFalse();
        assertThat(back.openings()).singleElement().satisfies(o -> {
            assertThat(o.from()).isEqualTo(at("2026-03-04T10:00"));
            assertThat(o.until()).isEqualTo(at("2026-03-06T10:00"));
            assertThat(o.grant().id()).isEqualTo(site.id());
        });
        LockAccess front = overview.get(1);
        assertThat(front.now().allowed()).isTrue();
        assertThat(front.openings().getFirst().from()).isEqualTo(from);
        assertThat(front.openings().getFirst().until()).isEqualTo(at("2026-03-02T12:00"));
        assertThat(front.openings().getLast().from()).as("next Monday's first window, cut at the week's end")
                .isEqualTo(at("2026-03-09T07:00"));
        assertThat(front.openings().getLast().until()).isEqualTo(until);
        assertThat(overview.get(2).openings().getFirst().from()).as("09:00 in New York").isEqualTo(Instant.parse("2026-03-02T14:00:00Z"));

        // Every quarter of an hour of the week, the one decision agrees with the overview: allowed exactly
        // inside an opening, by the grant (or the one of equal standing) the opening names.
        for (LockAccess access : overview) {
            Lock lock = access.lock();
            for (Instant t = from; t.isBefore(until); t = t.plus(java.time.Duration.ofMinutes(15))) {
                Instant moment = t;
                Decision d = decide(person(), lock, moment);
                java.util.Optional<LockAccess.Opening> opening = access.openings().stream()
                        .filter(o -> !moment.isBefore(o.from()) && moment.isBefore(o.until())).findFirst();
                assertThat(d.allowed()).as(lock.name() + " at " + moment).isEqualTo(opening.isPresent());
                opening.ifPresent(o -> assertThat(d.allowingGrant()).isPresent());
            }
        }
    }

    @Test
    void theOverviewOfACardCountsItsHoldersGrantsAndALostCardOpensNothing() {
        grant(pia.id(), null, frontDoor.id(), null, null, null, null, UNLOCK);
        Instant from = at("2026-03-02T09:00");
        Instant until = from.plus(java.time.Duration.ofDays(7));
        var overview = decisions.overview(owner, new Subject.Card(piasCard.id()), Permission.UNLOCK, from, until);
        assertThat(overview.get(1).openings()).singleElement().satisfies(o -> assertThat(o.until()).isEqualTo(until));
        assertThat(decisions.overview(owner, new Subject.Card(looseCard.id()), Permission.UNLOCK, from, until))
                .allSatisfy(a -> assertThat(a.openings()).isEmpty());
        services.get(CardService.class).update(owner, piasCard.id(),
                new CardDraft(CardType.GEOTAB_TAPCARD, "6D4297YA01", pia.id(), null, CardState.LOST));
        assertThat(decisions.overview(owner, new Subject.Card(piasCard.id()), Permission.UNLOCK, from, until))
                .allSatisfy(a -> {
                    assertThat(a.openings()).isEmpty();
                    assertThat(a.now().reasons()).contains(DenialReason.CARD_LOST);
                });
    }

    @Test
    void theOverviewOfAnotherAccountsPersonOrCardIsNotFound() {
        SignedInUser beta = services.get(AccountService.class).create(owner, "Beta", "UTC");
        Instant now = Instant.now();
        assertThatThrownBy(() -> decisions.overview(beta, person(), Permission.UNLOCK, now, now.plusSeconds(3600)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> decisions.overview(beta, new Subject.Card(piasCard.id()), Permission.UNLOCK, now, now.plusSeconds(3600)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> decisions.overview(owner, new Subject.Person("no-such-person"), Permission.UNLOCK, now,
                now.plusSeconds(3600))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theOverviewOf40LocksForAPersonWith20ScheduledGrantsIsQuick() {
        LockService locks = services.get(LockService.class);
        java.util.List<Lock> many = new java.util.ArrayList<>();
        for (int i = 0; i < 37; i++) {
            many.add(locks.create(owner, new LockDraft(oslo.id(), "Door " + i, LockKind.DOOR, null, null, LockState.ACTIVE)));
        }
        String[] shapes = {"MO-FR 07:00-12:00; MO-FR 13:00-18:00", "MO,WE,FR 06:00-09:00", "SA,SU 10:00-14:00", "TU,TH 18:00-23:00"};
        for (int i = 0; i < 18; i++) {
            grant(pia.id(), null, many.get(i).id(), null, null, null, shapes[i % shapes.length], UNLOCK);
        }
        grant(pia.id(), null, null, oslo.id(), null, null, "MO-SU 05:30-06:15", UNLOCK);
        grant(pia.id(), null, null, oslo.id(), at("2026-03-03T00:00"), at("2026-03-05T00:00"), "MO-FR 20:00-22:00", UNLOCK);
        Instant from = at("2026-03-02T09:00");
        Instant until = from.plus(java.time.Duration.ofDays(7));
        decisions.overview(owner, person(), Permission.UNLOCK, from, until); // warm up
        long start = System.nanoTime();
        java.util.List<LockAccess> overview = decisions.overview(owner, person(), Permission.UNLOCK, from, until);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("Access overview of 40 locks for a person with 20 scheduled grants: " + millis + " ms");
        assertThat(overview).hasSize(40);
        assertThat(overview.stream().mapToInt(a -> a.openings().size()).sum()).isGreaterThan(40 * 7);
        assertThat(millis).isLessThan(2_000);
    }

    private Subject person() {
        return new Subject.Person(pia.id());
    }

    private Decision decide(Subject subject, Lock lock, Instant at) {
        return decisions.explain(owner, subject, lock.id(), Permission.UNLOCK, at);
    }

    private Grant grant(String personId, String cardId, String lockId, String siteId, Instant from, Instant until,
            String schedule, Set<Permission> permissions) {
        return grants.create(owner, new GrantDraft(personId, cardId, lockId, siteId, from, until, schedule, permissions,
                Delivery.PRE_ISSUED, null));
    }

    private static Instant at(String osloLocal) {
        return LocalDateTime.parse(osloLocal).atZone(OSLO).toInstant();
    }
}
