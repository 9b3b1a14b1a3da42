package dev.portier.identity.users;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.AccountDao;
import dev.portier.identity.accounts.AccountMembership;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.audit.Actor;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.platform.db.Database;
import dev.portier.platform.validation.EmailAddress;
import dev.portier.platform.validation.PasswordPolicy;
import dev.portier.platform.validation.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the admin command line ({@code portier admin}) does with users, who run it with shell access to
 * the data directory instead of a session: act as a user in one of their accounts, reset a password.
 */
@Singleton
public final class UserAdministration {

    private final Database database;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    UserAdministration(Database database, PasswordHasher hasher, AuditLog audit, Clock clock) {
        this.database = database;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The user with {@code email} working in the account named or identified by {@code account}; with
     * no account, in their only account.
     *
     * @throws ValidationException naming the field ({@code email} or {@code account}) that does not fit
     */
    public SignedInUser actingAs(String email, String account) {
        User user = user(email);
        List<AccountMembership> memberships = database.jdbi().withExtension(AccountDao.class, dao -> dao.membershipsOf(user.id()));
        if (memberships.isEmpty()) {
            throw ValidationException.of("email", user.email() + " belongs to no account");
        }
        List<AccountMembership> matching = account == null || account.isBlank() ? memberships
                : memberships.stream().filter(m -> m.accountId().equals(account.strip())).toList();
        if (matching.isEmpty()) {
            matching = memberships.stream().filter(m -> m.accountName().equals(account.strip())).toList();
        }
        if (matching.size() != 1) {
            String choices = memberships.stream().map(m -> m.accountName() + " (" + m.accountId() + ")")
                    .collect(Collectors.joining(", "));
            throw ValidationException.of("account", (matching.isEmpty() ? user.email() + " does not belong to account "
                    + account.strip() : "Name the account with --account") + "; their accounts: " + choices);
        }
        return new SignedInUser(user.id(), user.email(), user.displayName(), matching.get(0).accountId());
    }

    /** The user with {@code email}, in no account yet (for creating one). */
    public SignedInUser asUser(String email) {
        User user = user(email);
        return new SignedInUser(user.id(), user.email(), user.displayName(), null);
    }

    /** Sets a new password (the password policy applies) and audits it in each of the user's accounts. */
    public void resetPassword(String email, String newPassword) {
        User user = user(email);
        new ValidationException.Collector().check("password", PasswordPolicy.validate(newPassword)).throwIfAny();
        String hash = hasher.hash(newPassword);
        Instant now = clock.instant();
        database.jdbi().useTransaction(h -> {
            h.attach(UserDao.class).updatePassword(user.id(), hash, now);
            for (AccountMembership m : h.attach(AccountDao.class).membershipsOf(user.id())) {
                audit.record(h, m.accountId(), new Actor(null, "admin command line"), AuditAction.PASSWORD_CHANGED,
                        user.email(), "reset by the admin command line");
            }
        });
    }

    private User user(String email) {
        new ValidationException.Collector().check("email", EmailAddress.validate(email)).throwIfAny();
        String normalized = EmailAddress.normalize(email);
        return database.jdbi().withExtension(UserDao.class, dao -> dao.findByEmail(normalized))
                .orElseThrow(() -> ValidationException.of("email", "No user has the email address " + normalized));
    }
}
