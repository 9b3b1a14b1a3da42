package dev.portier.identity.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.Ids;
import dev.portier.identity.accounts.ForbiddenException;
import dev.portier.identity.security.SignInResult;
import dev.portier.identity.security.SignInService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.testing.TestServices;
import dev.portier.platform.validation.ValidationException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserServiceTest {

    @TempDir
    Path dir;
    TestServices services;
    UserService users;
    SignedInUser owner;

    @BeforeEach
    void start() {
        services = new TestServices(dir, Clock.systemUTC());
        users = services.get(UserService.class);
        owner = services.setUpOwner();
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void ownersAddNewUsersWhoCanSignIn() {
        Member added = users.addMember(owner, new UserService.NewMember("Vic@Example.com", "Vic Viewer", Role.VIEWER,
                "viewer password 1"));
        assertThat(added.email()).isEqualTo("vic@example.com");
        assertThat(users.members(owner)).extracting(Member::email).containsExactly("owner@example.com", "vic@example.com");
        assertThat(services.get(SignInService.class).signIn("vic@example.com", "viewer password 1"))
                .isInstanceOf(SignInResult.SignedIn.class);
    }

    @Test
    void anExistingUserJoinsASecondAccountAndCanSwitch() {
        SignedInUser other = otherAccountOwner();
        users.addMember(other, new UserService.NewMember("owner@example.com", null, Role.MANAGER, null));

        AccountService accounts = services.get(AccountService.class);
        assertThat(accounts.accountsOf(owner)).extracting(m -> m.accountName()).containsExactly("Acme", "Beta");
        SignedInUser switched = accounts.switchTo(owner, other.accountId());
        assertThat(accounts.current(switched).name()).isEqualTo("Beta");
    }

    @Test
    void onlyOwnersManageUsers() {
        users.addMember(owner, new UserService.NewMember("vic@example.com", "Vic", Role.VIEWER, "viewer password 1"));
        users.addMember(owner, new UserService.NewMember("max@example.com", "Max", Role.MANAGER, "manager password 1"));
        SignedInUser viewer = signedIn("vic@example.com", "viewer password 1");
        SignedInUser manager = signedIn("max@example.com", "manager password 1");

        assertThatThrownBy(() -> users.members(viewer)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> users.addMember(manager, new UserService.NewMember("x@example.com", "X", Role.OWNER,
                "some password 12"))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> users.changeRole(viewer, viewer.userId(), Role.OWNER)).isInstanceOf(ForbiddenException.class);
        assertThat(users.members(owner)).hasSize(3);
    }

    @Test
    void theLastOwnerStays() {
        assertThatThrownBy(() -> users.changeRole(owner, owner.userId(), Role.VIEWER))
                .isInstanceOf(ValidationException.class).hasMessageContaining("last owner");
        assertThatThrownBy(() -> users.removeMember(owner, owner.userId()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("last owner");
    }

    @Test
    void anotherAccountsUsersAreNotFound() {
        SignedInUser other = otherAccountOwner();
        assertThatThrownBy(() -> users.changeRole(owner, other.userId(), Role.VIEWER))
                .isInstanceOf(UserService.MemberNotFoundException.class);
        assertThatThrownBy(() -> users.removeMember(owner, other.userId()))
                .isInstanceOf(UserService.MemberNotFoundException.class);
        assertThat(users.members(owner)).extracting(Member::email).containsExactly("owner@example.com");
        assertThatThrownBy(() -> services.get(AccountService.class).switchTo(owner, other.accountId()))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void badInputWritesNothing() {
        assertThatThrownBy(() -> users.addMember(owner, new UserService.NewMember("nope", "N", Role.VIEWER, "x")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).containsKey("email"));
        assertThatThrownBy(() -> users.addMember(owner, new UserService.NewMember("n@example.com", "<i>N</i>", Role.VIEWER,
                "short"))).isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fieldErrors()).containsKeys("displayName", "initialPassword"));
        assertThat(users.members(owner)).hasSize(1);
    }

    @Test
    void changingTheOwnPasswordChecksTheCurrentOne() {
        assertThatThrownBy(() -> users.changeOwnPassword(owner, "wrong", "a brand new password"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).containsKey("currentPassword"));
        users.changeOwnPassword(owner, TestServices.PASSWORD, "a brand new password");
        assertThat(services.get(SignInService.class).signIn("owner@example.com", "a brand new password"))
                .isInstanceOf(SignInResult.SignedIn.class);
    }

    private SignedInUser signedIn(String email, String password) {
        SignInResult.SignedIn ok = (SignInResult.SignedIn) services.get(SignInService.class).signIn(email, password);
        return new SignedInUser(ok.user().id(), email, ok.user().displayName(), ok.accounts().getFirst().accountId());
    }

    /** A second account "Beta" with its own owner, created directly (setup only happens once). */
    private SignedInUser otherAccountOwner() {
        String accountId = Ids.newId();
        String userId = Ids.newId();
        Instant now = Instant.now();
        String hash = services.get(dev.portier.identity.users.PasswordHasher.class).hash(TestServices.PASSWORD);
        services.get(Database.class).jdbi().useTransaction(h -> {
            h.attach(dev.portier.identity.accounts.AccountDao.class).insert(accountId, "Beta", "UTC", now);
            h.attach(UserDao.class).insert(userId, "beta@example.com", "Bea", hash, now);
            h.attach(dev.portier.identity.accounts.AccountDao.class).insertMembership(accountId, userId, Role.OWNER, now);
        });
        return new SignedInUser(userId, "beta@example.com", "Bea", accountId);
    }
}
