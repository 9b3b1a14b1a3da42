package dev.portier.domain.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.db.PageRequest;
import dev.portier.identity.accounts.ForbiddenException;
import dev.portier.identity.security.SignInResult;
import dev.portier.identity.security.SignInService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.testing.TestServices;
import dev.portier.identity.users.UserService;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.ValidationException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockServiceTest {

    @TempDir
    Path dir;
    TestServices services;
    LockService locks;
    SignedInUser owner;
    Site site;

    @BeforeEach
    void start() {
        services = new TestServices(dir, Clock.systemUTC());
        locks = services.get(LockService.class);
        owner = services.setUpOwner();
        site = services.get(SiteService.class).create(owner, new SiteDraft("Depot", null, "Europe/Oslo"));
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void vendorReferencesAreUniquePerDriverWithinAnAccount() {
        locks.create(owner, new LockDraft(site.id(), "Van 1", LockKind.VEHICLE, "geotab", "G9AB12345", LockState.ACTIVE));
        assertThatThrownBy(() -> locks.create(owner, new LockDraft(site.id(), "Van 2", LockKind.VEHICLE, "geotab", "G9AB12345",
                LockState.ACTIVE))).isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("vendorReference"));
        assertThat(locks.create(owner, new LockDraft(site.id(), "Door", LockKind.DOOR, "tapkey", "G9AB12345", LockState.ACTIVE)))
                .as("another driver may use the same reference").isNotNull();
        assertThat(locks.create(owner, new LockDraft(site.id(), "Plain", LockKind.DOOR, null, null, LockState.PENDING_ENROLMENT)).driverId())
                .as("no driver yet").isNull();
        assertThat(locks.list(owner, new LockFilter(null, site.id(), LockKind.VEHICLE, null), PageRequest.first(10)))
                .extracting(Lock::name).containsExactly("Van 1");
    }

    @Test
    void aLockNeedsASiteOfTheAccountAndSaneFields() {
        SignedInUser beta = services.get(AccountService.class).create(owner, "Beta", "UTC");
        assertThatThrownBy(() -> locks.create(beta, new LockDraft(site.id(), "Sneaky", LockKind.DOOR, null, null, LockState.ACTIVE)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).containsKey("siteId"));
        assertThatThrownBy(() -> locks.create(owner, new LockDraft(site.id(), "x".repeat(101), null, "Bad Driver!", null, null)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fieldErrors()).containsKeys("name", "kind", "state", "driverId", "vendorReference"));
        assertThat(locks.count(owner, LockFilter.NONE)).isZero();
    }

    @Test
    void viewersReadButNeverChange() {
        locks.create(owner, new LockDraft(site.id(), "Door", LockKind.DOOR, null, null, LockState.ACTIVE));
        services.get(UserService.class).addMember(owner, new UserService.NewMember("vic@example.com", "Vic", Role.VIEWER,
                "viewer password 1"));
        SignInResult.SignedIn vic = (SignInResult.SignedIn) services.get(SignInService.class).signIn("vic@example.com", "viewer password 1");
        SignedInUser viewer = new SignedInUser(vic.user().id(), "vic@example.com", "Vic", owner.accountId());

        assertThat(locks.count(viewer, LockFilter.NONE)).isEqualTo(1);
        assertThatThrownBy(() -> locks.create(viewer, new LockDraft(site.id(), "Mine", LockKind.DOOR, null, null, LockState.ACTIVE)))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.get(SiteService.class).create(viewer, new SiteDraft("S", null, "UTC")))
                .isInstanceOf(ForbiddenException.class);
        assertThat(locks.count(owner, LockFilter.NONE)).isEqualTo(1);
    }

    @Test
    void sitesAndLocksInUseCannotBeDeleted() {
        Lock door = locks.create(owner, new LockDraft(site.id(), "Door", LockKind.DOOR, null, null, LockState.ACTIVE));
        assertThatThrownBy(() -> services.get(SiteService.class).delete(owner, site.id())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("1 lock(s)");
        locks.delete(owner, door.id());
        services.get(SiteService.class).delete(owner, site.id());
        assertThat(services.get(SiteService.class).count(owner, null)).isZero();
    }
}
