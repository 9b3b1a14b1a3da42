package dev.portier.identity.apitokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditEntry;
import dev.portier.platform.audit.AuditFilter;
import dev.portier.platform.audit.AuditLog;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.PageRequest;
import dev.portier.identity.accounts.ForbiddenException;
import dev.portier.identity.security.SignInResult;
import dev.portier.identity.security.SignInService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.testing.TestServices;
import dev.portier.identity.users.UserService;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.ValidationException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokenServiceTest {

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    TestServices services;
    ApiTokenService tokens;
    SignedInUser owner;

    @BeforeEach
    void start() {
        services = new TestServices(dir, clock);
        tokens = services.get(ApiTokenService.class);
        owner = services.setUpOwner();
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void aNewTokenShowsItsSecretOnceAndKeepsOnlyItsHash() {
        NewApiToken created = tokens.create(owner, "  Booking sync ", Role.MANAGER);

        assertThat(created.secret()).startsWith("ptr_").hasSize(47);
        assertThat(created.token().name()).isEqualTo("Booking sync");
        assertThat(created.token().secretHint()).isEqualTo(created.secret().substring(0, 8));
        assertThat(created.toString()).doesNotContain(created.secret());
        String stored = services.get(Database.class).jdbi().withHandle(h -> h.createQuery("SELECT * FROM api_tokens")
                .mapToMap().one().toString());
        assertThat(stored).doesNotContain(created.secret().substring(8));
        assertThat(tokens.create(owner, "Other", Role.VIEWER).secret()).isNotEqualTo(created.secret());
    }

    @Test
    void aSecretAuthenticatesAsTheTokenOfItsAccountUntilRevoked() {
        NewApiToken created = tokens.create(owner, "Sync", Role.MANAGER);

        SignedInUser caller = tokens.authenticate(created.secret()).orElseThrow();
        assertThat(caller.isApiToken()).isTrue();
        assertThat(caller.apiTokenId()).isEqualTo(created.token().id());
        assertThat(caller.accountId()).isEqualTo(owner.accountId());
        assertThat(caller.actorLabel()).isEqualTo("API token “Sync” of owner@example.com");
        String secret = created.secret();
        char other = secret.charAt(46) == 'A' ? 'B' : 'A'; // a different last character, whatever it was
        assertThat(tokens.authenticate(secret.substring(0, 46) + other)).isEmpty();
        assertThat(tokens.authenticate("ptr_short")).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();

        tokens.revoke(owner, created.token().id());
        assertThat(tokens.authenticate(created.secret())).isEmpty();
        assertThatThrownBy(() -> services.get(SiteService.class).list(caller, null, PageRequest.first(10)))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("revoked");
    }

    @Test
    void theLastUseIsWrittenAtMostOnceAMinute() {
        NewApiToken created = tokens.create(owner, "Sync", Role.VIEWER);
        assertThat(lastUsed(created)).isNull();

        tokens.authenticate(created.secret());
        Instant first = clock.instant();
        assertThat(lastUsed(created)).isEqualTo(first);

        clock.advance(Duration.ofSeconds(59));
        tokens.authenticate(created.secret());
        assertThat(lastUsed(created)).as("within the minute: no write").isEqualTo(first);

        clock.advance(Duration.ofSeconds(2));
        tokens.authenticate(created.secret());
        assertThat(lastUsed(created)).isEqualTo(clock.instant());
    }

    @Test
    void aTokenActsWithItsRoleAndNeverAboveItsCreator() {
        SignedInUser manager = addMember("manager@example.com", Role.MANAGER);
        SiteService sites = services.get(SiteService.class);
        SignedInUser viewerToken = tokens.authenticate(tokens.create(manager, "Read", Role.VIEWER).secret()).orElseThrow();
        SignedInUser managerToken = tokens.authenticate(tokens.create(manager, "Write", Role.MANAGER).secret()).orElseThrow();

        assertThat(sites.list(viewerToken, null, PageRequest.first(10))).isEmpty();
        assertThatThrownBy(() -> sites.create(viewerToken, new SiteDraft("HQ", null, "UTC")))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("the API token acts as Viewer");
        assertThat(sites.create(managerToken, new SiteDraft("HQ", null, "UTC")).name()).isEqualTo("HQ");

        services.get(UserService.class).changeRole(owner, manager.userId(), Role.VIEWER);
        assertThatThrownBy(() -> sites.create(managerToken, new SiteDraft("Depot", null, "UTC")))
                .as("the creator was demoted").isInstanceOf(ForbiddenException.class);
        assertThat(sites.count(managerToken, null)).isEqualTo(1);

        services.get(UserService.class).removeMember(owner, manager.userId());
        assertThatThrownBy(() -> sites.count(managerToken, null)).as("the creator left")
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("no longer belongs");
    }

    @Test
    void aTokenWorksOnlyInItsOwnAccount() {
        SignedInUser inBeta = services.get(AccountService.class).create(owner, "Beta", "UTC");
        SignedInUser acmeToken = tokens.authenticate(tokens.create(owner, "Acme sync", Role.MANAGER).secret()).orElseThrow();

        assertThatThrownBy(() -> services.get(SiteService.class).count(acmeToken.inAccount(inBeta.accountId()), null))
                .isInstanceOf(ForbiddenException.class);
        assertThat(tokens.list(inBeta, PageRequest.first(10))).isEmpty();
        assertThatThrownBy(() -> tokens.revoke(inBeta, acmeToken.apiTokenId())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void managersCreateAndRevokeViewersCannotAndTokensCannotMakeTokens() {
        SignedInUser manager = addMember("manager@example.com", Role.MANAGER);
        SignedInUser viewer = addMember("viewer@example.com", Role.VIEWER);
        NewApiToken byOwner = tokens.create(owner, "Owner's", Role.MANAGER);

        assertThat(tokens.revoke(manager, byOwner.token().id()).revokedBy()).isEqualTo("manager@example.com");
        assertThatThrownBy(() -> tokens.create(viewer, "Mine", Role.VIEWER)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> tokens.list(viewer, PageRequest.first(10))).isInstanceOf(ForbiddenException.class);
        SignedInUser managerToken = tokens.authenticate(tokens.create(manager, "Sync", Role.MANAGER).secret()).orElseThrow();
        assertThatThrownBy(() -> tokens.create(managerToken, "Nested", Role.VIEWER)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void badNamesAndRolesAreRefusedAndNothingIsWritten() {
        assertThatThrownBy(() -> tokens.create(owner, " ", Role.VIEWER)).isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).firstField()).isEqualTo("name");
        assertThatThrownBy(() -> tokens.create(owner, "x".repeat(101), Role.VIEWER)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> tokens.create(owner, "<b>", Role.VIEWER)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> tokens.create(owner, "Sync", Role.OWNER)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("Manager or Viewer");
        assertThatThrownBy(() -> tokens.create(owner, "Sync", null)).isInstanceOf(ValidationException.class);
        assertThat(tokens.count(owner)).isZero();

        NewApiToken first = tokens.create(owner, "Sync", Role.VIEWER);
        assertThatThrownBy(() -> tokens.create(owner, "Sync", Role.MANAGER)).isInstanceOf(ConflictException.class);
        tokens.revoke(owner, first.token().id());
        assertThat(tokens.create(owner, "Sync", Role.MANAGER).token().name()).as("a revoked token's name is free again")
                .isEqualTo("Sync");
        assertThat(tokens.list(owner, PageRequest.first(10))).extracting(ApiToken::stateLabel).containsExactly("Active", "Revoked");
    }

    @Test
    void creatingRevokingAndActingWithATokenAreAudited() {
        NewApiToken created = tokens.create(owner, "Sync", Role.MANAGER);
        SignedInUser caller = tokens.authenticate(created.secret()).orElseThrow();
        services.get(SiteService.class).create(caller, new SiteDraft("HQ", null, "UTC"));
        tokens.revoke(owner, created.token().id());
        tokens.revoke(owner, created.token().id());

        List<AuditEntry> entries = services.get(AuditLog.class).page(owner.accountId(), new AuditFilter(null, "Sync", null, null), 0, 10);
        assertThat(entries).extracting(AuditEntry::action, AuditEntry::actor, AuditEntry::target).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AuditAction.REVOKED, "owner@example.com", "API token Sync"),
                org.assertj.core.groups.Tuple.tuple(AuditAction.CREATED, "API token “Sync” of owner@example.com", "Site HQ"),
                org.assertj.core.groups.Tuple.tuple(AuditAction.CREATED, "owner@example.com", "API token Sync"));
    }

    private Instant lastUsed(NewApiToken created) {
        return tokens.get(owner, created.token().id()).lastUsedAt();
    }

    private SignedInUser addMember(String email, Role role) {
        services.get(UserService.class).addMember(owner, new UserService.NewMember(email, "Member", role, TestServices.PASSWORD));
        SignInResult.SignedIn ok = (SignInResult.SignedIn) services.get(SignInService.class).signIn(email, TestServices.PASSWORD);
        return new SignedInUser(ok.user().id(), email, "Member", owner.accountId());
    }
}
