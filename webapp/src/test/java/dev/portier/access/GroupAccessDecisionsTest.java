package dev.portier.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardDraft;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.cards.CardState;
import dev.portier.domain.cards.CardType;
import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantDraft;
import dev.portier.domain.grants.GrantFilter;
import dev.portier.domain.grants.GrantListener;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.grants.GrantState;
import dev.portier.domain.grants.GroupGrant;
import dev.portier.domain.grants.GroupGrantDraft;
import dev.portier.domain.grants.GroupGrantService;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.groups.Group;
import dev.portier.domain.groups.GroupKind;
import dev.portier.domain.groups.GroupService;
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
import dev.portier.platform.db.PageRequest;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.ValidationException;
import dev.portier.testing.TestServices;
import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Groups in the one access decision: group grants are materialised as member grants that follow the groups' members. */
class GroupAccessDecisionsTest {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final Set<Permission> UNLOCK = EnumSet.of(Permission.UNLOCK);
    static final List<String> TOLD = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;
    TestServices services;
    AccessDecisions decisions;
    GroupService groups;
    GroupGrantService groupGrants;
    GrantService grants;
    SignedInUser owner;
    Site oslo;
    Lock frontDoor;
    Lock backDoor;
    Lock garage;
    Person pia;
    Person ola;
    Card piasCard;
    Group cleaning;
    Group tenants;
    Group commonDoors;

    /** Records what the grant listeners hear, after the commit. */
    public static final class Recorder implements GrantListener {
        @Override
        public void grantChanged(String accountId, String grantId) {
            TOLD.add(grantId);
        }
    }

    @BeforeEach
    void start() {
        TOLD.clear();
        services = new TestServices(dev.portier.platform.config.PortierConfig.forDataDir(dir), Clock.systemUTC(), new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), GrantListener.class).addBinding().to(Recorder.class);
            }
        });
        decisions = services.get(AccessDecisions.class);
        groups = services.get(GroupService.class);
        groupGrants = services.get(GroupGrantService.class);
        grants = services.get(GrantService.class);
        owner = services.setUpOwner();
        oslo = services.get(SiteService.class).create(owner, new SiteDraft("Oslo office", null, "Europe/Oslo"));
        LockService locks = services.get(LockService.class);
        frontDoor = locks.create(owner, new LockDraft(oslo.id(), "Front door", LockKind.DOOR, null, null, LockState.ACTIVE));
        backDoor = locks.create(owner, new LockDraft(oslo.id(), "Back door", LockKind.DOOR, null, null, LockState.ACTIVE));
        garage = locks.create(owner, new LockDraft(oslo.id(), "Garage", LockKind.GATE, null, null, LockState.ACTIVE));
        PersonService people = services.get(PersonService.class);
        pia = people.create(owner, new PersonDraft("Pia", "pia@example.com", null, null));
        ola = people.create(owner, new PersonDraft("Ola", "ola@example.com", null, null));
        piasCard = services.get(CardService.class).create(owner, new CardDraft(CardType.GENERIC_NFC, "04:A2:2B:91", pia.id(), null,
                CardState.ACTIVE));
        cleaning = groups.create(owner, GroupKind.PEOPLE, "Cleaning staff");
        tenants = groups.create(owner, GroupKind.PEOPLE, "Tenants, floor 3");
        commonDoors = groups.create(owner, GroupKind.LOCKS, "Common doors");
        groups.addMembers(owner, GroupKind.LOCKS, commonDoors.id(), List.of(frontDoor.id(), backDoor.id()));
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void aPersonInTwoGroupsIsAllowedByEachGroupsGrantAndExplainSaysWhichGroup() {
        groupGrant("Cleaning weekdays", cleaning.id(), null, frontDoor.id(), null, "MO-FR 06:00-09:00");
        groupGrant("Tenants garage", tenants.id(), null, garage.id(), null, null);
        groups.addMembers(owner, GroupKind.PEOPLE, cleaning.id(), List.of(pia.id()));
        groups.addMembers(owner, GroupKind.PEOPLE, tenants.id(), List.of(pia.id()));

        Decision morning = decide(pia, frontDoor, at("2026-03-02T07:00"));
        assertThat(morning.allowed()).isTrue();
        assertThat(morning.summary()).startsWith("Allowed by grant 'Cleaning weekdays' via group Cleaning staff");
        assertThat(decide(pia, frontDoor, at("2026-03-02T10:00")).reasons()).containsExactly(DenialReason.OUTSIDE_SCHEDULE);
        Decision garageDecision = decide(pia, garage, at("2026-03-02T10:00"));
        assertThat(garageDecision.allowed()).isTrue();
        assertThat(garageDecision.summary()).startsWith("Allowed by grant 'Tenants garage' via group Tenants, floor 3");
        assertThat(decide(ola, frontDoor, at("2026-03-02T07:00")).reasons()).containsExactly(DenialReason.NO_GRANT);
        assertThat(groups.groupsOf(owner, GroupKind.PEOPLE, pia.id())).extracting(Group::name)
                .containsExactly("Cleaning staff", "Tenants, floor 3");
    }

    @Test
    void aRemovedMemberIsDeniedAtOnceAndTheMemberGrantStaysRevokedAsHistory() {
        GroupGrant rule = groupGrant("Cleaning", cleaning.id(), null, frontDoor.id(), null, null);
        groups.addMembers(owner, GroupKind.PEOPLE, cleaning.id(), List.of(pia.id(), ola.id()));
        assertThat(groupGrants.get(owner, rule.id()).memberGrants()).isEqualTo(2);
        Instant now = Instant.now();
        assertThat(decide(pia, frontDoor, now).allowed()).isTrue();
        TOLD.clear();

        groups.removeMembers(owner, GroupKind.PEOPLE, cleaning.id(), List.of(pia.id()));

        Decision after = decide(pia, frontDoor, Instant.now());
        assertThat(after.allowed()).isFalse();
        assertThat(after.reasons()).containsExactly(DenialReason.REVOKED);
        Grant revoked = after.considered().getFirst().grant();
        assertThat(revoked.revokeReason()).isEqualTo("Left group Cleaning staff");
        assertThat(TOLD).as("listeners hear of the revoked member grant after the commit").containsExactly(revoked.id());
        assertThat(decide(ola, frontDoor, Instant.now()).allowed()).isTrue();
        assertThat(groupGrants.get(owner, rule.id()).memberGrants()).isEqualTo(1);

        groups.addMembers(owner, GroupKind.PEOPLE, cleaning.id(), List.of(pia.id()));
        assertThat(decide(pia, frontDoor, Instant.now()).allowed()).as("back in the group").isTrue();
    }

    @Test
    void aLockGroupTargetCoversItsLocksAndFollowsThem() {
        GroupGrant rule = groupGrant("Pia common doors", null, pia.id(), null, commonDoors.id(), null);
        Instant now = Instant.now();
        Decision front = decide(pia, frontDoor, now);
        assertThat(front.allowed()).isTrue();
        assertThat(front.summary()).startsWith("Allowed by grant 'Pia common doors' via lock group Common doors");
        assertThat(decide(pia, backDoor, now).allowed()).isTrue();
        assertThat(decide(pia, garage, now).reasons()).containsExactly(DenialReason.NO_GRANT);

        groups.addMembers(owner, GroupKind.LOCKS, commonDoors.id(), List.of(garage.id()));
        assertThat(decide(pia, garage, Instant.now()).allowed()).isTrue();
        groups.removeMembers(owner, GroupKind.LOCKS, commonDoors.id(), List.of(frontDoor.id()));
        assertThat(decide(pia, frontDoor, Instant.now()).reasons()).containsExactly(DenialReason.REVOKED);
        assertThat(groupGrants.get(owner, rule.id()).memberGrants()).isEqualTo(2);
    }

    @Test
    void aPeopleGroupOnALockGroupMakesOneMemberGrantPerPersonAndLock() {
        GroupGrant rule = groupGrant("Cleaning common", cleaning.id(), null, null, commonDoors.id(), null);
        groups.addMembers(owner, GroupKind.PEOPLE, cleaning.id(), List.of(pia.id(), ola.id()));
        assertThat(groupGrants.memberGrants(owner, rule.id())).hasSize(4).allSatisfy(g -> assertThat(g.groupGrantId()).isEqualTo(rule.id()));
        Decision d = decide(ola, backDoor, Instant.now());
        assertThat(d.summary()).startsWith("Allowed by grant 'Cleaning common' via group Cleaning staff on lock group Common doors");
        assertThat(grants.list(owner, GrantFilter.NONE.directOnly(), new PageRequest(0, 50))).as("lists show the group grant once")
                .isEmpty();
        assertThat(grants.count(owner, new GrantFilter(null, ola.id(), null, null, null, null))).as("a person's grants include them")
                .isEqualTo(2);
    }

    @Test
    void aCardOfAGroupMemberIsAllowedThroughItsHoldersMemberGrant() {
        groupGrant("Cleaning", cleaning.id(), null, frontDoor.id(), null, null);
        groups.addMembers(owner, GroupKind.PEOPLE, cleaning.id(), List.of(pia.id()));
        Decision byCard = decisions.explain(owner, new Subject.Card(piasCard.id()), frontDoor.id(), Permission.UNLOCK, Instant.now());
        assertThat(byCard.allowed()).isTrue();
        assertThat(byCard.summary()).contains("via group Cleaning staff");
    }

    @Test
    void revokingTheGroupGrantRevokesEveryMemberGrantAndChangingItChangesThem() {
        GroupGrant rule = groupGrant("Cleaning", cleaning.id(), null, null, commonDoors.id(), null);
        groups.addMembers(owner, GroupKind.PEOPLE, cleaning.id(), List.of(pia.id(), ola.id()));
        groupGrants.update(owner, rule.id(), new GroupGrantDraft("Cleaning mornings", null, null, cleaning.id(), null, null,
                commonDoors.id(), null, null, "MO-SU 06:00-09:00", UNLOCK, Delivery.PRE_ISSUED, null));
        assertThat(groupGrants.memberGrants(owner, rule.id())).hasSize(4)
                .allSatisfy(g -> assertThat(g.schedule().format()).isEqualTo("MO,TU,WE,TH,FR,SA,SU 06:00-09:00"));
        assertThat(decide(pia, frontDoor, at("2026-03-02T10:00")).reasons()).containsExactly(DenialReason.OUTSIDE_SCHEDULE);

        TOLD.clear();
        groupGrants.revoke(owner, rule.id(), "Contract ended");
        assertThat(TOLD).hasSize(4);
        assertThat(groupGrants.memberGrants(owner, rule.id())).allSatisfy(g -> {
            assertThat(g.state()).isEqualTo(GrantState.REVOKED);
            assertThat(g.revokeReason()).isEqualTo("Contract ended");
        });
        assertThat(decide(pia, frontDoor, at("2026-03-02T07:00")).reasons()).containsExactly(DenialReason.REVOKED);
        groups.addMembers(owner, GroupKind.PEOPLE, tenants.id(), List.of(pia.id()));
        groups.removeMembers(owner, GroupKind.PEOPLE, cleaning.id(), List.of(ola.id()));
        assertThat(groupGrants.get(owner, rule.id()).memberGrants()).as("a revoked group grant grants nothing").isZero();
    }

    @Test
    void memberGrantsAreChangedOnlyThroughTheirGroupGrant() {
        GroupGrant rule = groupGrant("Cleaning", cleaning.id(), null, frontDoor.id(), null, null);
        groups.addMembers(owner, GroupKind.PEOPLE, cleaning.id(), List.of(pia.id()));
        Grant member = groupGrants.memberGrants(owner, rule.id()).getFirst();
        assertThatThrownBy(() -> grants.revoke(owner, member.id(), "no")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("group grant");
        assertThatThrownBy(() -> grants.update(owner, member.id(), new GrantDraft(pia.id(), null, frontDoor.id(), null, null, null,
                null, UNLOCK, Delivery.PRE_ISSUED, null))).isInstanceOf(ConflictException.class);
        assertThat(grants.get(owner, member.id()).state()).isEqualTo(GrantState.ACTIVE);
        assertThatThrownBy(() -> groups.delete(owner, GroupKind.PEOPLE, cleaning.id())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("grant");
        groups.delete(owner, GroupKind.PEOPLE, tenants.id());
        assertThat(groups.list(owner, GroupKind.PEOPLE)).extracting(Group::name).containsExactly("Cleaning staff");
    }

    @Test
    void badInputAndOtherAccountsIdsChangeNothing() {
        assertThatThrownBy(() -> groups.addMembers(owner, GroupKind.PEOPLE, cleaning.id(), List.of(pia.id(), frontDoor.id())))
                .isInstanceOf(ValidationException.class);
        assertThat(groups.members(owner, GroupKind.PEOPLE, cleaning.id())).as("all or nothing").isEmpty();
        assertThatThrownBy(() -> groups.create(owner, GroupKind.PEOPLE, "cleaning STAFF")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> groups.create(owner, GroupKind.PEOPLE, " ")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> groupGrant("Plain", null, pia.id(), frontDoor.id(), null, null))
                .as("no group: an ordinary grant").isInstanceOf(ValidationException.class);

        SignedInUser beta = services.get(AccountService.class).create(owner, "Beta", "Europe/Oslo");
        assertThatThrownBy(() -> groups.get(beta, GroupKind.PEOPLE, cleaning.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> groups.addMembers(beta, GroupKind.LOCKS, commonDoors.id(), List.of(garage.id())))
                .isInstanceOf(NotFoundException.class);
        Group betaGroup = groups.create(beta, GroupKind.PEOPLE, "Beta staff");
        assertThatThrownBy(() -> groups.addMembers(beta, GroupKind.PEOPLE, betaGroup.id(), List.of(pia.id())))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> groupGrants.create(beta, new GroupGrantDraft("Steal", null, null, cleaning.id(), null, null,
                commonDoors.id(), null, null, null, UNLOCK, Delivery.PRE_ISSUED, null))).isInstanceOf(ValidationException.class);
        assertThat(groups.members(owner, GroupKind.LOCKS, commonDoors.id())).containsExactly(frontDoor.id(), backDoor.id());
    }

    private GroupGrant groupGrant(String name, String peopleGroupId, String personId, String lockId, String lockGroupId,
            String schedule) {
        return groupGrants.create(owner, new GroupGrantDraft(name, personId, null, peopleGroupId, lockId, null, lockGroupId, null, null,
                schedule, UNLOCK, Delivery.PRE_ISSUED, null));
    }

    private Decision decide(Person person, Lock lock, Instant at) {
        return decisions.explain(owner, new Subject.Person(person.id()), lock.id(), Permission.UNLOCK, at);
    }

    private static Instant at(String osloLocal) {
        return LocalDateTime.parse(osloLocal).atZone(OSLO).toInstant();
    }
}
