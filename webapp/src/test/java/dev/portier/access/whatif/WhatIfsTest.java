package dev.portier.access.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.portier.access.Subject;
import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantDraft;
import dev.portier.domain.grants.GrantListener;
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
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.audit.Actor;
import dev.portier.platform.config.PortierConfig;
import dev.portier.platform.db.Database;
import dev.portier.platform.validation.ValidationException;
import dev.portier.platform.webhooks.WebhookDraft;
import dev.portier.platform.webhooks.WebhookEndpoints;
import dev.portier.testing.TestServices;
import dev.portier.testing.WebhookReceiver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The what-if of a grant change: gained and lost pairs by the one decision, and a rehearsal that leaves nothing behind. */
class WhatIfsTest {

    /** Monday 2 March 2026, 08:00 in Oslo. */
    static final Instant MONDAY_8 = Instant.parse("2026-03-02T07:00:00Z");

    @TempDir
    Path dir;
    TestServices services;
    WhatIfs whatIfs;
    GrantService grants;
    SignedInUser owner;
    Site oslo;
    Lock frontDoor;
    Lock backDoor;
    Person pia;
    final AtomicInteger told = new AtomicInteger();

    @BeforeEach
    void start() {
        services = new TestServices(PortierConfig.forDataDir(dir).withHttpAllowPrivate(), Clock.fixed(MONDAY_8, ZoneOffset.UTC),
                new dev.portier.platform.http.OutboundHttpModule(), new AbstractModule() {
            @Override
            protected void configure() {
                // Counts the after-commit notices that start key issuing and vendor syncs.
                Multibinder.newSetBinder(binder(), GrantListener.class).addBinding()
                        .toInstance((accountId, grantId) -> told.incrementAndGet());
            }
        });
        whatIfs = services.get(WhatIfs.class);
        grants = services.get(GrantService.class);
        owner = services.setUpOwner();
        oslo = services.get(SiteService.class).create(owner, new SiteDraft("Oslo office", null, "Europe/Oslo"));
        LockService locks = services.get(LockService.class);
        frontDoor = locks.create(owner, new LockDraft(oslo.id(), "Front door", LockKind.DOOR, null, null, LockState.ACTIVE));
        backDoor = locks.create(owner, new LockDraft(oslo.id(), "Back door", LockKind.DOOR, null, null, LockState.ACTIVE));
        pia = services.get(PersonService.class).create(owner, new PersonDraft("Pia", "pia@example.com", null, null));
    }

    @AfterEach
    void stop() {
        services.close();
    }

    private static GrantDraft draft(String personId, String lockId, String siteId, String schedule) {
        return new GrantDraft(personId, null, lockId, siteId, null, null, schedule, EnumSet.of(Permission.UNLOCK),
                Delivery.PRE_ISSUED, null);
    }

    @Test
    void aChangeThatAddsALockAndNarrowsTheScheduleGainsOnePairAndLosesAnother() {
        Grant grant = grants.create(owner, draft(pia.id(), frontDoor.id(), null, "MO-FR 07:00-18:00"));

        // From the front door, weekdays 07–18, to the whole site (front and back door), weekdays 09–12.
        WhatIfDiff diff = whatIfs.of(owner, () -> grants.update(owner, grant.id(), draft(pia.id(), null, oslo.id(), "MO-FR 09:00-12:00")));

        assertThat(diff.grantsTouched()).isEqualTo(1);
        assertThat(diff.pairsLooked()).isEqualTo(2);
        assertThat(diff.gained()).extracting(PairChange::subjectName, PairChange::lockName, PairChange::at)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Pia", "Back door", Instant.parse("2026-03-02T08:00:00Z")));
        assertThat(diff.lost()).extracting(PairChange::subjectName, PairChange::lockName, PairChange::at)
                .as("at 08:00 the front door was open to Pia, and now opens only at 09:00")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Pia", "Front door", MONDAY_8));
        assertThat(diff.gained().getFirst().subject()).isEqualTo(new Subject.Person(pia.id()));
        assertThat(diff.keysIssued()).isEqualTo(1);
        assertThat(diff.keysWithdrawn()).isEqualTo(1);
        assertThat(diff.summary()).startsWith("Issues 1 key(s) on 1 lock(s), withdraws 1;");
        assertThat(grants.get(owner, grant.id()).lockId()).as("nothing saved").isEqualTo(frontDoor.id());
    }

    @Test
    void revokingLosesEveryPairTheGrantOpened() {
        Grant grant = grants.create(owner, draft(pia.id(), null, oslo.id(), null));

        WhatIfDiff diff = whatIfs.of(owner, () -> grants.revoke(owner, grant.id(), "left the company"));

        assertThat(diff.gained()).isEmpty();
        assertThat(diff.lost()).extracting(PairChange::lockName).containsExactly("Back door", "Front door");
        assertThat(diff.lost()).allSatisfy(loss -> assertThat(loss.grantId()).isEqualTo(grant.id()));
    }

    @Test
    void aRolledBackPreviewLeavesNoGrantAuditRowWebhookMessageOrNoticeBehind() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            services.get(WebhookEndpoints.class).create(owner.accountId(), Actor.SYSTEM,
                    new WebhookDraft(receiver.url("/portier"), List.of("grant.created", "grant.updated"), true));
        }
        Map<String, Integer> before = counts();
        int toldBefore = told.get();

        WhatIfDiff diff = whatIfs.of(owner, () -> grants.create(owner, draft(pia.id(), null, oslo.id(), null)));

        assertThat(diff.gained()).hasSize(2);
        assertThat(counts()).isEqualTo(before);
        assertThat(told.get()).as("no after-commit notice, so no key is issued and no vendor sync starts").isEqualTo(toldBefore);

        // The same change saved writes each of them: the counts above could have moved.
        grants.create(owner, draft(pia.id(), null, oslo.id(), null));
        Map<String, Integer> after = counts();
        assertThat(after.get("grants")).isEqualTo(before.get("grants") + 1);
        assertThat(after.get("audit_entries")).isEqualTo(before.get("audit_entries") + 1);
        assertThat(after.get("webhook_messages")).isEqualTo(before.get("webhook_messages") + 1);
        assertThat(after.get("webhook_deliveries")).isEqualTo(before.get("webhook_deliveries") + 1);
        assertThat(told.get()).isEqualTo(toldBefore + 1);
    }

    @Test
    void aChangeTheServiceRefusesIsRefusedInTheWhatIfToo() {
        assertThatThrownBy(() -> whatIfs.of(owner, () -> grants.create(owner, draft(pia.id(), null, null, null))))
                .isInstanceOf(ValidationException.class);
        assertThat(counts().get("grants")).isZero();
    }

    private Map<String, Integer> counts() {
        return services.get(Database.class).jdbi().withHandle(h -> {
            Map<String, Integer> counts = new java.util.TreeMap<>();
            for (String table : List.of("grants", "audit_entries", "webhook_messages", "webhook_deliveries", "grant_syncs")) {
                counts.put(table, h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
            }
            return counts;
        });
    }
}
