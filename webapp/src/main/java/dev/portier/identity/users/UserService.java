package dev.portier.identity.users;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.AccountDao;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.audit.Actor;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.Ids;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.users.PasswordHasher;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.validation.EmailAddress;
import dev.portier.platform.validation.PasswordPolicy;
import dev.portier.platform.validation.TextRules;
import dev.portier.platform.validation.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Who belongs to an account and with which role (OWNER only), and changing one's own password. */
@Singleton
public final class UserService {

    /** What the users page asks for when adding someone. The password is only used for a new user. */
    public record NewMember(String email, String displayName, Role role, String initialPassword) {
        @Override
        public String toString() {
            return "NewMember[email=" + email + ", role=" + role + "]";
        }
    }

    /** The member was not found in the signed-in user's current account. */
    public static final class MemberNotFoundException extends RuntimeException {
        MemberNotFoundException() {
            super("No such user in this account");
        }
    }

    private final Database database;
    private final Authorization authorization;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    UserService(Database database, Authorization authorization, PasswordHasher hasher, AuditLog audit, Clock clock) {
        this.database = database;
        this.authorization = authorization;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Member> members(SignedInUser who) {
        authorization.require(who, Role.OWNER);
        return database.jdbi().withExtension(UserDao.class, dao -> dao.members(who.accountId()));
    }

    /** Whether an email already belongs to a user (then no password is needed to add them). */
    public boolean userExists(SignedInUser who, String email) {
        authorization.require(who, Role.OWNER);
        String normalized = EmailAddress.normalize(email);
        return database.jdbi().withExtension(UserDao.class, dao -> dao.findByEmail(normalized).isPresent());
    }

    public Member addMember(SignedInUser who, NewMember request) {
        authorization.require(who, Role.OWNER);
        ValidationException.Collector problems = new ValidationException.Collector()
                .check("email", EmailAddress.validate(request.email()));
        if (request.role() == null) {
            problems.add("role", "Choose a role");
        }
        problems.throwIfAny();
        String email = EmailAddress.normalize(request.email());
        Optional<User> existing = database.jdbi().withExtension(UserDao.class, dao -> dao.findByEmail(email));
        String passwordHash = null;
        if (existing.isEmpty()) {
            new ValidationException.Collector()
                    .check("displayName", TextRules.validateName(request.displayName(), "a name", 100))
                    .check("initialPassword", PasswordPolicy.validate(request.initialPassword()))
                    .throwIfAny();
            passwordHash = hasher.hash(request.initialPassword());
        }
        String hash = passwordHash;
        Instant now = clock.instant();
        return database.jdbi().inTransaction(h -> {
            UserDao users = h.attach(UserDao.class);
            AccountDao accounts = h.attach(AccountDao.class);
            String userId;
            Optional<User> user = users.findByEmail(email);
            if (user.isPresent()) {
                userId = user.get().id();
                if (accounts.role(who.accountId(), userId).isPresent()) {
                    throw ValidationException.of("email", email + " already belongs to this account");
                }
            } else {
                if (hash == null) {
                    throw ValidationException.of("email", "That user was just removed; try again");
                }
                userId = Ids.newId();
                users.insert(userId, email, request.displayName().strip(), hash, now);
            }
            accounts.insertMembership(who.accountId(), userId, request.role(), now);
            audit.record(h, who.accountId(), actor(who), AuditAction.USER_ADDED, email,
                    "role " + request.role().label() + (user.isPresent() ? " (existing user)" : " (new user)"));
            return users.member(who.accountId(), userId).orElseThrow();
        });
    }

    public Member changeRole(SignedInUser who, String userId, Role role) {
        authorization.require(who, Role.OWNER);
        if (role == null) {
            throw ValidationException.of("role", "Choose a role");
        }
        return database.jdbi().inTransaction(h -> {
            UserDao users = h.attach(UserDao.class);
            Member member = users.member(who.accountId(), userId).orElseThrow(MemberNotFoundException::new);
            if (member.role() == role) {
                return member;
            }
            requireAnotherOwner(h.attach(AccountDao.class), who, member, "change the role of");
            h.attach(AccountDao.class).updateRole(who.accountId(), userId, role);
            audit.record(h, who.accountId(), actor(who), AuditAction.ROLE_CHANGED, member.email(),
                    member.role().label() + " → " + role.label());
            return users.member(who.accountId(), userId).orElseThrow();
        });
    }

    public void removeMember(SignedInUser who, String userId) {
        authorization.require(who, Role.OWNER);
        database.jdbi().useTransaction(h -> {
            UserDao users = h.attach(UserDao.class);
            Member member = users.member(who.accountId(), userId).orElseThrow(MemberNotFoundException::new);
            requireAnotherOwner(h.attach(AccountDao.class), who, member, "remove");
            h.attach(AccountDao.class).deleteMembership(who.accountId(), userId);
            audit.record(h, who.accountId(), actor(who), AuditAction.USER_REMOVED, member.email(),
                    "was " + member.role().label());
        });
    }

    /** Changes the signed-in user's own password after checking the current one. */
    public void changeOwnPassword(SignedInUser who, String currentPassword, String newPassword) {
        User user = database.jdbi().withExtension(UserDao.class, dao -> dao.find(who.userId())).orElseThrow();
        if (currentPassword == null || !hasher.verify(currentPassword, user.passwordHash())) {
            throw ValidationException.of("currentPassword", "This is not your current password");
        }
        new ValidationException.Collector().check("newPassword", PasswordPolicy.validate(newPassword)).throwIfAny();
        if (newPassword.equals(currentPassword)) {
            throw ValidationException.of("newPassword", "Choose a password different from the current one");
        }
        String hash = hasher.hash(newPassword);
        Instant now = clock.instant();
        List<String> accountIds = database.jdbi().withExtension(AccountDao.class, dao -> dao.membershipsOf(who.userId()))
                .stream().map(m -> m.accountId()).toList();
        database.jdbi().useTransaction(h -> {
            h.attach(UserDao.class).updatePassword(who.userId(), hash, now);
            for (String accountId : accountIds) {
                audit.record(h, accountId, actor(who), AuditAction.PASSWORD_CHANGED, who.email(), "other sessions ended");
            }
        });
    }

    private static void requireAnotherOwner(AccountDao accounts, SignedInUser who, Member member, String verb) {
        if (member.role() == Role.OWNER && accounts.ownerCount(who.accountId()) <= 1) {
            throw ValidationException.of("role", "Cannot " + verb + " the last owner: make someone else an owner first");
        }
    }

    private static Actor actor(SignedInUser who) {
        return new Actor(who.userId(), who.email());
    }
}
