package dev.portier.domain.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.platform.db.PageRequest;
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
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.testing.TestServices;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.ValidationException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrantServiceTest {

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
    TestServices services;
    GrantService grants;
    SignedInUser owner;
    Site site;
    Lock door;
    Person pia;

    @BeforeEach
    void start() {
        services = new TestServices(dir, clock);
        grants = services.get(GrantService.class);
        owner = services.setUpOwner();
        site = services.get(SiteService.class).create(owner, new SiteDraft("Office", null, "Europe/Oslo"));
        door = services.get(LockService.class).create(owner, new LockDraft(site.id(), "Door", LockKind.DOOR, null, null, LockState.ACTIVE));
        pia = services.get(PersonService.class).create(owner, new PersonDraft("Pia", "pia@example.com", null, null));
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void aGrantKeepsItsScheduleDefaultsAndBecomesExpiredNotDeleted() {
        Grant g = grants.create(owner, new GrantDraft(pia.id(), null, door.id(), null, null, clock.instant().plus(Duration.ofDays(1)),
                "mo-fr 07:00-12:00;MO-FR 13:00-18:00", EnumSet.of(Permission.UNLOCK), Delivery.ON_DEMAND, null));
        assertThat(g.schedule().format()).isEqualTo("MO,TU,WE,TH,FR 07:00-12:00; MO,TU,WE,TH,FR 13:00-18:00");
        assertThat(g.onDemandMinutes()).isEqualTo(30);
        assertThat(g.createdBy()).isEqualTo("owner@example.com");
        assertThat(g.status(clock.instant())).isEqualTo(GrantStatus.ACTIVE);

        clock.advance(Duration.ofDays(2));
        assertThat(grants.list(owner, new GrantFilter(null, null, null, null, null, GrantStatus.EXPIRED), PageRequest.first(10)))
                .extracting(Grant::id).containsExactly(g.id());
        assertThat(grants.count(owner, new GrantFilter(null, null, null, null, null, GrantStatus.ACTIVE))).isZero();
    }

    @Test
    void revokingRecordsWhoWhenAndWhyAndFreezesTheGrant() {
        Grant g = grants.create(owner, draft(null));
        Grant revoked = grants.revoke(owner, g.id(), "lost phone");
        assertThat(revoked.state()).isEqualTo(GrantState.REVOKED);
        assertThat(revoked.revokedBy()).isEqualTo("owner@example.com");
        assertThat(revoked.revokeReason()).isEqualTo("lost phone");
        assertThat(revoked.revokedAt()).isEqualTo(clock.instant());
        assertThat(grants.revoke(owner, g.id(), "again").revokeReason()).as("the first revocation stays").isEqualTo("lost phone");
        assertThatThrownBy(() -> grants.update(owner, g.id(), draft(null))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> grants.revoke(owner, g.id(), " ")).isInstanceOf(ValidationException.class);
    }

    @Test
    void badGrantsNameEveryProblem() {
        assertThatThrownBy(() -> grants.create(owner, new GrantDraft(pia.id(), "card", null, null, clock.instant(), clock.instant(),
                "XX 25:00-26:00", Set.of(), null, 0)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors())
                        .containsKeys("subject", "target", "validUntil", "schedule", "permissions", "delivery", "onDemandMinutes"));
        assertThatThrownBy(() -> grants.create(owner, new GrantDraft("no-such-person", null, door.id(), null, null, null, null,
                Set.of(Permission.UNLOCK), Delivery.PRE_ISSUED, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).containsKey("subject"));
        assertThat(grants.count(owner, GrantFilter.NONE)).isZero();
    }

    private GrantDraft draft(String schedule) {
        return new GrantDraft(pia.id(), null, door.id(), null, null, null, schedule, EnumSet.of(Permission.UNLOCK),
                Delivery.PRE_ISSUED, null);
    }
}
