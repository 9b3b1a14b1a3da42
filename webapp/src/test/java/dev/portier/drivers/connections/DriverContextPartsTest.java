package dev.portier.drivers.connections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.access.AccessDecisions;
import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardDraft;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.cards.CardType;
import dev.portier.platform.db.Database;
import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantDraft;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.grants.Permission;
import dev.portier.plugin.api.DenialReason;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonDraft;
import dev.portier.domain.people.PersonService;
import dev.portier.plugin.api.AccessDecider;
import dev.portier.plugin.api.AccessDecider.AccessAnswer;
import dev.portier.plugin.api.AccessDecider.AccessQuestion;
import dev.portier.plugin.api.LockRef;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.testing.TestServices;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access decider and lock directory a driver's context offers, over a real database. */
class DriverContextPartsTest {

    @TempDir
    Path dir;
    TestServices services;
    SignedInUser owner;
    Lock door;
    Person pia;
    Card card;
    String connectionId = "conn-1";
    AccessDecider decider;

    @BeforeEach
    void start() {
        services = new TestServices(dir, Clock.systemUTC());
        owner = services.setUpOwner();
        Database database = services.get(Database.class);
        // A connection row without a plugin: these parts only read the database.
        database.jdbi().useHandle(h -> h.createUpdate("INSERT INTO connections (id, account_id, name, driver_id, settings, "
                        + "created_at, created_by, updated_at) VALUES (:id, :accountId, 'Doors', 'example', '{}', 0, 'test', 0)")
                .bind("id", connectionId).bind("accountId", owner.accountId()).execute());
        Site site = services.get(SiteService.class).create(owner, new SiteDraft("Office", null, "Europe/Oslo"));
        door = services.get(LockService.class).create(owner, new LockDraft(site.id(), "Door", LockKind.DOOR, null, "door-7",
                LockState.ACTIVE, connectionId));
        services.get(LockService.class).create(owner, new LockDraft(site.id(), "Other", LockKind.DOOR, null, null, LockState.ACTIVE));
        pia = services.get(PersonService.class).create(owner, new PersonDraft("Pia", null, "+47 912 34 567", null));
        card = services.get(CardService.class).create(owner, new CardDraft(CardType.GENERIC_NFC, "04A1B2C3", null, null, null));
        decider = new HostAccessDecider(owner.accountId(), services.get(AccessDecisions.class), services.get(PersonService.class),
                database);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void aPhoneInAnyNotationFindsThePersonAndTheAnswerCarriesTheGrant() {
        Grant grant = services.get(GrantService.class).create(owner, new GrantDraft(pia.id(), null, door.id(), null, null, null,
                null, EnumSet.of(Permission.UNLOCK), Delivery.ON_DEMAND, 45));
        AccessAnswer answer = decider.decide(new AccessQuestion(door.id(), AccessDecider.Subject.phone("+47 91 23 45 67"),
                dev.portier.plugin.api.Permission.UNLOCK, Instant.now()));
        assertThat(answer.allowed()).isTrue();
        assertThat(answer.grantId()).isEqualTo(grant.id());
        assertThat(answer.onDemandDuration()).isEqualTo(Duration.ofMinutes(45));

        AccessAnswer lock = decider.decide(new AccessQuestion(door.id(), AccessDecider.Subject.phone("+4791234567"), dev.portier.plugin.api.Permission.LOCK,
                Instant.now()));
        assertThat(lock.allowed()).isFalse();
        assertThat(lock.reasons()).contains(DenialReason.MISSING_PERMISSION);
    }

    @Test
    void aCardSerialAsTheReaderReportsItFindsTheCard() {
        services.get(GrantService.class).create(owner, new GrantDraft(null, card.id(), door.id(), null, null, null, null,
                EnumSet.of(Permission.UNLOCK), Delivery.PRE_ISSUED, null));
        assertThat(decider.decide(new AccessQuestion(door.id(), AccessDecider.Subject.cardSerial("04:a1:b2:c3"), dev.portier.plugin.api.Permission.UNLOCK,
                Instant.now())).allowed()).isTrue();
    }

    @Test
    void unknownSubjectsLocksAndPermissionsAreNoGrantNeverAnException() {
        Instant now = Instant.now();
        assertThat(decider.decide(new AccessQuestion(door.id(), AccessDecider.Subject.phone("+1 212 555 0100"), dev.portier.plugin.api.Permission.UNLOCK, now))
                .reasons()).containsExactly(DenialReason.NO_GRANT);
        assertThat(decider.decide(new AccessQuestion(door.id(), AccessDecider.Subject.cardSerial("FFFFFFFF"), dev.portier.plugin.api.Permission.UNLOCK, now))
                .reasons()).containsExactly(DenialReason.NO_GRANT);
        assertThat(decider.decide(new AccessQuestion("no-such-lock", AccessDecider.Subject.person(pia.id()), dev.portier.plugin.api.Permission.UNLOCK, now))
                .reasons()).containsExactly(DenialReason.NO_GRANT);
        assertThat(decider.decide(new AccessQuestion(door.id(), AccessDecider.Subject.person("someone-else"), dev.portier.plugin.api.Permission.UNLOCK, now))
                .reasons()).containsExactly(DenialReason.NO_GRANT);
        assertThat(decider.decide(new AccessQuestion(door.id(), AccessDecider.Subject.person(pia.id()), dev.portier.plugin.api.Permission.UNLOCK, now))
                .allowed()).isFalse();
    }

    @Test
    void theLockDirectoryHoldsTheConnectionsLocksOnly() {
        ConnectionLocks locks = new ConnectionLocks(owner.accountId(), connectionId, services.get(Database.class));
        LockRef ref = new LockRef(door.id(), "door-7", "Door", "Europe/Oslo");
        assertThat(locks.all()).containsExactly(ref);
        assertThat(locks.byVendorReference("door-7")).contains(ref);
        assertThat(locks.byId(door.id())).contains(ref);
        assertThat(locks.byVendorReference("door-8")).isEmpty();
        assertThat(new ConnectionLocks("other-account", connectionId, services.get(Database.class)).all()).isEmpty();
    }
}
