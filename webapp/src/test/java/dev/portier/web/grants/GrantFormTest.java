package dev.portier.web.grants;

import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.GrantDraft;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.grants.Permission;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.domain.cards.CardService;
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
import dev.portier.platform.validation.ValidationException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grant form checks what it can before asking the service, and reads dates in the target site's zone. */
class GrantFormTest {

    @TempDir
    Path dir;
    TestServices services;
    SignedInUser owner;
    GrantForm form;
    Person ada;
    Lock door;
    Site newYork;
    final List<dev.portier.domain.grants.GroupGrantDraft> saved = new ArrayList<>();

    @BeforeEach
    void setUp() {
        services = new TestServices(dir, new MutableClock(Instant.parse("2030-01-01T00:00:00Z")));
        owner = services.setUpOwner();
        newYork = services.get(SiteService.class).create(owner, new SiteDraft("Midtown", null, "America/New_York"));
        door = services.get(LockService.class).create(owner, new LockDraft(newYork.id(), "Lobby", LockKind.DOOR, null, null,
                LockState.ACTIVE));
        ada = services.get(PersonService.class).create(owner, new PersonDraft("Ada", "ada@example.com", null, null));
        form = new GrantForm(new GrantContext(services.get(PersonService.class), services.get(CardService.class),
                services.get(LockService.class), services.get(SiteService.class), owner, ZoneId.of("Europe/Oslo"),
                services.get(dev.portier.domain.groups.GroupService.class)));
        form.edit(GrantForm.newDraft());
        form.addSaveListener(saved::add);
    }

    @AfterEach
    void tearDown() {
        services.close();
    }

    @Test
    void aNewGrantNeedsASubjectAndATarget() {
        form.save();
        assertThat(saved).isEmpty();
        assertThat(form.person.isInvalid()).isTrue();
        assertThat(form.person.getErrorMessage()).isEqualTo("Choose a person");
        assertThat(form.lock.getErrorMessage()).isEqualTo("Choose a lock");

        form.targetKind.setValue(GrantForm.SITE);
        form.save();
        assertThat(form.site.getErrorMessage()).isEqualTo("Choose a site");
        assertThat(saved).isEmpty();
    }

    @Test
    void datesAreReadInTheTargetSitesTimeZoneAndTheScheduleComesFromTheEditor() {
        form.person.setValue(ada);
        form.lock.setValue(door);
        form.validFrom.setValue(LocalDateTime.of(2030, 1, 7, 9, 0));
        form.validUntil.setValue(LocalDateTime.of(2030, 6, 30, 18, 0));
        form.schedule.setValue("MO-FR 07:00-12:00; MO-FR 13:00-18:00");
        form.permissions.setValue(Set.of(Permission.UNLOCK));

        assertThat(form.validFrom.getHelperText()).startsWith("America/New_York");
        form.save();

        assertThat(saved).hasSize(1);
        GrantDraft draft = GrantForm.plain(saved.getFirst());
        assertThat(draft.personId()).isEqualTo(ada.id());
        assertThat(draft.cardId()).isNull();
        assertThat(draft.lockId()).isEqualTo(door.id());
        assertThat(draft.siteId()).isNull();
        assertThat(draft.validFrom()).isEqualTo(Instant.parse("2030-01-07T14:00:00Z"));
        assertThat(draft.validUntil()).isEqualTo(Instant.parse("2030-06-30T22:00:00Z"));
        assertThat(draft.schedule()).isEqualTo("MO-FR 07:00-12:00; MO-FR 13:00-18:00");
        assertThat(draft.permissions()).containsExactly(Permission.UNLOCK);
        assertThat(draft.delivery()).isEqualTo(Delivery.PRE_ISSUED);
        assertThat(GrantService.validate(draft)).isNotNull();
    }

    @Test
    void validUntilMustComeAfterValidFrom() {
        form.person.setValue(ada);
        form.lock.setValue(door);
        form.validFrom.setValue(LocalDateTime.of(2030, 2, 1, 8, 0));
        form.validUntil.setValue(LocalDateTime.of(2030, 1, 1, 8, 0));
        form.save();
        assertThat(saved).isEmpty();
        assertThat(form.validUntil.getErrorMessage()).isEqualTo("Valid until must be after valid from");
    }

    @Test
    void permissionsAndTheOnDemandDurationAreChecked() {
        form.person.setValue(ada);
        form.lock.setValue(door);
        form.permissions.setValue(EnumSet.noneOf(Permission.class));
        form.delivery.setValue(Delivery.ON_DEMAND);
        form.onDemandMinutes.setValue(0);
        form.save();
        assertThat(saved).isEmpty();
        assertThat(form.permissions.getErrorMessage()).isEqualTo("Choose at least one permission");
        assertThat(form.onDemandMinutes.isVisible()).isTrue();
        assertThat(form.onDemandMinutes.getErrorMessage()).contains("between 1 and 1440 minutes");

        form.permissions.setValue(Set.of(Permission.UNLOCK, Permission.IGNITION));
        form.onDemandMinutes.setValue(45);
        form.save();
        assertThat(saved).singleElement().satisfies(d -> {
            assertThat(d.delivery()).isEqualTo(Delivery.ON_DEMAND);
            assertThat(d.onDemandMinutes()).isEqualTo(45);
        });
    }

    @Test
    void anIncompleteScheduleWindowStopsTheSave() {
        form.person.setValue(ada);
        form.lock.setValue(door);
        form.schedule.addWindow().days.setValue(Set.of());
        form.save();
        assertThat(saved).isEmpty();
        assertThat(form.schedule.getErrorMessage()).isEqualTo("Choose at least one day for each window");
    }

    @Test
    void anExistingSiteGrantFillsTheFormInItsSitesZone() {
        form.edit(GrantForm.of(new GrantDraft(ada.id(), null, null, newYork.id(), Instant.parse("2030-01-07T14:00:00Z"), null,
                "SA 10:00-14:00", EnumSet.of(Permission.LOCK), Delivery.ON_DEMAND, 15)));
        assertThat(form.targetKind.getValue()).isEqualTo(GrantForm.SITE);
        assertThat(form.site.getValue()).isEqualTo(newYork);
        assertThat(form.lock.isVisible()).isFalse();
        assertThat(form.validFrom.getValue()).isEqualTo(LocalDateTime.of(2030, 1, 7, 9, 0));
        assertThat(form.schedule.rows()).hasSize(1);
        assertThat(form.onDemandMinutes.getValue()).isEqualTo(15);
    }

    @Test
    void theServicesRefusalShowsAtTheSubjectField() {
        form.subjectKind.setValue(GrantForm.CARD);
        form.showErrors(ValidationException.of("subject", "Choose a person or card of this account"));
        assertThat(form.card.isInvalid()).isTrue();
        assertThat(form.card.getErrorMessage()).isEqualTo("Choose a person or card of this account");
        assertThat(form.person.isInvalid()).isFalse();
    }
}
