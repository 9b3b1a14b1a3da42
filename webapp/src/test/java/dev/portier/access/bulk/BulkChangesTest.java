package dev.portier.access.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.access.AccessDecisions;
import dev.portier.access.Subject;
import dev.portier.access.whatif.PairChange;
import dev.portier.access.whatif.WhatIfDiff;
import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.GrantDraft;
import dev.portier.domain.grants.GrantFilter;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.grants.GroupGrantDraft;
import dev.portier.domain.grants.GroupGrantService;
import dev.portier.domain.groups.Group;
import dev.portier.domain.groups.GroupKind;
import dev.portier.domain.groups.GroupService;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonDraft;
import dev.portier.domain.people.PersonService;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditEntry;
import dev.portier.platform.audit.AuditFilter;
import dev.portier.platform.audit.AuditLog;
import dev.portier.platform.db.PageRequest;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.ValidationException;
import dev.portier.testing.TestServices;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bulk change's preview is exactly what applying it then does, as the one access decision sees it. */
class BulkChangesTest {

    static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path dir;
    TestServices services;
    BulkChanges bulk;
    GrantService grants;
    AccessDecisions decisions;
    SignedInUser owner;
    Site oslo;
    List<Lock> locks = new ArrayList<>();
    List<Person> people = new ArrayList<>();

    @BeforeEach
    void start() {
        services = new TestServices(dir, Clock.fixed(NOW, ZoneOffset.UTC));
        bulk = services.get(BulkChanges.class);
        grants = services.get(GrantService.class);
        decisions = services.get(AccessDecisions.class);
        owner = services.setUpOwner();
        oslo = services.get(SiteService.class).create(owner, new SiteDraft("Oslo office", null, "Europe/Oslo"));
        LockService lockService = services.get(LockService.class);
        for (String name : List.of("Front door", "Back door", "Garage")) {
            locks.add(lockService.create(owner, new LockDraft(oslo.id(), name, LockKind.DOOR, null, null, LockState.ACTIVE)));
        }
        PersonService personService = services.get(PersonService.class);
        for (int i = 1; i <= 4; i++) {
            people.add(personService.create(owner, new PersonDraft("Person " + i, "p" + i + "@example.com", null, null)));
        }
    }

    @AfterEach
    void stop() {
        services.close();
    }

    private List<String> ids(List<Person> some) {
        return some.stream().map(Person::id).toList();
    }

    /** Every person × lock allowed now, by the one decision. */
    private Set<String> allowedPairs() {
        Set<String> allowed = new HashSet<>();
        for (Person p : people) {
            for (Lock l : locks) {
                if (decisions.decide(owner.accountId(), new Subject.Person(p.id()), l.id(), Permission.UNLOCK, NOW).allowed()) {
                    allowed.add(p.id() + "@" + l.id());
                }
            }
        }
        return allowed;
    }

    private static Set<String> pairs(List<PairChange> changes) {
        Set<String> pairs = new HashSet<>();
        changes.forEach(c -> pairs.add(c.subject().id() + "@" + c.lockId()));
        return pairs;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> rest = new HashSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    @Test
    void aGrantsPreviewIsWhatApplyingItGains() {
        // Person 1 already opens the front door; the bulk grant of the whole site gains them only the other two.
        grants.create(owner, new GrantDraft(people.get(0).id(), null, locks.get(0).id(), null, null, null, null,
                EnumSet.of(Permission.UNLOCK), Delivery.PRE_ISSUED, null));
        BulkChange change = BulkChange.grant(ids(people.subList(0, 3)), List.of(), null, oslo.id(), EnumSet.of(Permission.UNLOCK),
                Delivery.PRE_ISSUED);

        WhatIfDiff preview = bulk.preview(owner, change);
        Set<String> before = allowedPairs();
        BulkChangeRun run = bulk.apply(owner, change);
        Set<String> after = allowedPairs();

        assertThat(pairs(preview.gained())).isEqualTo(minus(after, before)).hasSize(8);
        assertThat(pairs(preview.lost())).isEqualTo(minus(before, after)).isEmpty();
        assertThat(preview.keysIssued()).isEqualTo(8);
        assertThat(run.state()).isEqualTo(BulkChangeRun.State.DONE);
        assertThat(run.grantsChanged()).isEqualTo(3);
        assertThat(run.items()).hasSize(3).allSatisfy(item -> assertThat(item).startsWith("Created Grant Person "));
        List<AuditEntry> bulkEntries = services.get(AuditLog.class).page(owner.accountId(),
                new AuditFilter(AuditAction.BULK_CHANGE, null, null, null), 0, 10);
        assertThat(bulkEntries).singleElement().satisfies(e -> {
            assertThat(e.target()).isEqualTo("Grant all of Oslo office to 3 people");
            assertThat(e.details()).contains("3 grant(s)", run.id(), "Created Grant Person 3 → All of Oslo office");
        });
        assertThat(services.get(AuditLog.class).count(owner.accountId(), new AuditFilter(AuditAction.CREATED, "Grant", null, null)))
                .as("the grants' own entries are folded into the bulk change's").isEqualTo(1);
    }

    @Test
    void aRevokesPreviewIsWhatApplyingItLoses() {
        for (Person p : people) {
            grants.create(owner, new GrantDraft(p.id(), null, null, oslo.id(), null, null, null, EnumSet.of(Permission.UNLOCK),
                    Delivery.PRE_ISSUED, null));
        }
        // Person 2 also has the garage on its own.
        grants.create(owner, new GrantDraft(people.get(1).id(), null, locks.get(2).id(), null, null, null, null,
                EnumSet.of(Permission.UNLOCK), Delivery.ON_DEMAND, null));
        BulkChange change = new BulkChange(BulkAction.REVOKE, ids(people.subList(0, 2)), List.of(), null, null, null, null, null, null,
                null, null, "Moved out", null);
        BulkChange garageOnly = BulkChange.revoke(ids(people.subList(1, 3)), List.of(), locks.get(2).id(), null, "Garage only");

        WhatIfDiff garage = bulk.preview(owner, garageOnly);
        assertThat(garage.grantsTouched()).as("person 2's garage grant").isEqualTo(1);
        assertThat(garage.lost()).as("the site grant still opens the garage to person 2").isEmpty();
        WhatIfDiff preview = bulk.preview(owner, change);
        Set<String> before = allowedPairs();
        BulkChangeRun run = bulk.apply(owner, change);
        Set<String> after = allowedPairs();

        assertThat(pairs(preview.lost())).isEqualTo(minus(before, after)).hasSize(6);
        assertThat(pairs(preview.gained())).isEqualTo(minus(after, before)).isEmpty();
        assertThat(run.grantsChanged()).as("two site grants and the garage grant").isEqualTo(3);
        assertThat(after).as("persons 3 and 4 keep theirs").hasSize(6);
    }

    @Test
    void addingToAGroupPreviewsTheGroupGrantsMemberGrantsAndAppliesThem() {
        GroupService groups = services.get(GroupService.class);
        Group cleaning = groups.create(owner, GroupKind.PEOPLE, "Cleaning staff");
        groups.addMembers(owner, GroupKind.PEOPLE, cleaning.id(), List.of(people.get(3).id()));
        services.get(GroupGrantService.class).create(owner, new GroupGrantDraft("Cleaning any time", null, null, cleaning.id(),
                null, oslo.id(), null, null, null, null, EnumSet.of(Permission.UNLOCK), Delivery.PRE_ISSUED, null));
        BulkChange change = BulkChange.addToGroup(ids(people.subList(0, 2)), cleaning.id());

        WhatIfDiff preview = bulk.preview(owner, change);
        Set<String> before = allowedPairs();
        BulkChangeRun run = bulk.apply(owner, change);
        Set<String> after = allowedPairs();

        assertThat(pairs(preview.gained())).isEqualTo(minus(after, before)).hasSize(6);
        assertThat(preview.lost()).isEmpty();
        assertThat(run.summary()).isEqualTo("Add 2 people to the people group Cleaning staff");
        assertThat(run.grantsChanged()).as("people added").isEqualTo(2);
        assertThat(groups.members(owner, GroupKind.PEOPLE, cleaning.id())).hasSize(3);
        // Revoking all their grants passes over the member grants: those end when the person leaves the group.
        BulkChangeRun revoked = bulk.apply(owner, BulkChange.revoke(ids(people.subList(0, 2)), List.of(), null, null, "Tidy up"));
        assertThat(revoked.state()).isEqualTo(BulkChangeRun.State.DONE);
        assertThat(revoked.grantsChanged()).isZero();
        assertThat(allowedPairs()).isEqualTo(after);
        assertThatThrownBy(() -> bulk.apply(owner, new BulkChange(BulkAction.ADD_TO_GROUP, List.of(), List.of("a-card"), null, null,
                null, null, null, null, null, null, null, cleaning.id()))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> bulk.preview(owner, BulkChange.addToGroup(ids(people), "no-such-group")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void badInputChangesNothing() {
        SignedInUser other = services.get(AccountService.class).create(owner, "Other Co", "Europe/Oslo");
        Person stranger = services.get(PersonService.class).create(other, new PersonDraft("Stranger", "stranger@example.com", null, null));
        int grantsBefore = grants.count(owner, new GrantFilter(null, null, null, null, null, null));

        assertThatThrownBy(() -> bulk.apply(owner, BulkChange.grant(List.of(people.get(0).id(), stranger.id()), List.of(),
                locks.get(0).id(), null, EnumSet.of(Permission.UNLOCK), Delivery.PRE_ISSUED))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> bulk.apply(owner, BulkChange.grant(List.of("no-such-person"), List.of(), locks.get(0).id(), null,
                EnumSet.of(Permission.UNLOCK), Delivery.PRE_ISSUED))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> bulk.preview(owner, BulkChange.grant(ids(people), List.of(), "no-such-lock", null,
                EnumSet.of(Permission.UNLOCK), Delivery.PRE_ISSUED))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> bulk.apply(owner, BulkChange.grant(List.of(), List.of(), locks.get(0).id(), null,
                EnumSet.of(Permission.UNLOCK), Delivery.PRE_ISSUED))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("Select at least one person or card");
        assertThatThrownBy(() -> bulk.apply(owner, BulkChange.grant(ids(people), List.of(), locks.get(0).id(), null,
                EnumSet.noneOf(Permission.class), Delivery.PRE_ISSUED))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> bulk.apply(owner, BulkChange.revoke(ids(people), List.of(), null, null, " ")))
                .isInstanceOf(ValidationException.class);

        assertThat(grants.count(owner, new GrantFilter(null, null, null, null, null, null))).isEqualTo(grantsBefore);
        assertThat(services.get(AuditLog.class).count(owner.accountId(), new AuditFilter(AuditAction.BULK_CHANGE, null, null, null)))
                .isZero();
    }

    @Test
    void aLargeChangeRunsInTheBackgroundAndEndsDoneWithEveryGrant() throws Exception {
        PersonService personService = services.get(PersonService.class);
        List<String> many = new ArrayList<>(ids(people));
        IntStream.rangeClosed(5, BulkChanges.IN_REQUEST_LIMIT + 5)
                .forEach(i -> many.add(personService.create(owner, new PersonDraft("Person " + i, "p" + i + "@example.com", null, null)).id()));

        BulkChangeRun started = bulk.apply(owner, BulkChange.grant(many, List.of(), locks.get(0).id(), null,
                EnumSet.of(Permission.UNLOCK), Delivery.ON_DEMAND));
        assertThat(started.state()).isEqualTo(BulkChangeRun.State.RUNNING);
        assertThat(started.subjects()).isEqualTo(many.size());

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        BulkChangeRun run = started;
        while (run.state() == BulkChangeRun.State.RUNNING && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            run = bulk.get(owner, started.id());
        }
        assertThat(run.state()).isEqualTo(BulkChangeRun.State.DONE);
        assertThat(run.done()).isEqualTo(many.size());
        assertThat(run.grantsChanged()).isEqualTo(many.size());
        assertThat(grants.count(owner, new GrantFilter(null, null, null, locks.get(0).id(), null, null))).isEqualTo(many.size());
        assertThatThrownBy(() -> bulk.get(services.get(AccountService.class).create(owner, "Third", "Europe/Oslo"),
                started.id())).isInstanceOf(NotFoundException.class);
    }
}
