package dev.portier.identity.users;

import dev.portier.identity.accounts.AccountDao;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.TimeZones;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.audit.Actor;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.Ids;
import dev.portier.identity.users.PasswordHasher;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.identity.users.UserDao;
import dev.portier.platform.validation.EmailAddress;
import dev.portier.platform.validation.PasswordPolicy;
import dev.portier.platform.validation.TextRules;
import dev.portier.platform.validation.ValidationException;
import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * First run: creates the first account and its OWNER. Exactly once — the {@code installation} row's
 * primary key makes concurrent attempts lose cleanly, whatever the interleaving.
 */
@Singleton
public final class SetupService {

    public record FirstOwner(String accountName, String timeZone, String displayName, String email, String password) {
        @Override
        public String toString() {
            return "FirstOwner[accountName=" + accountName + ", email=" + email + "]";
        }
    }

    /** Someone else finished setup first. */
    public static final class AlreadySetUpException extends RuntimeException {
        AlreadySetUpException() {
            super("Portier has already been set up");
        }
    }

    private final Database database;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Clock clock;
    private volatile boolean setUp;

    @Inject
    SetupService(Database database, PasswordHasher hasher, AuditLog audit, Clock clock) {
        this.database = database;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
    }

    public boolean isSetUp() {
        // Once set up, always set up: only the negative answer needs asking again.
        if (!setUp) {
            setUp = installed();
        }
        return setUp;
    }

    public SignedInUser setUp(FirstOwner owner) {
        new ValidationException.Collector()
                .check("accountName", TextRules.validateName(owner.accountName(), "an account name", 100))
                .check("timeZone", TimeZones.validate(owner.timeZone()))
                .check("displayName", TextRules.validateName(owner.displayName(), "your name", 100))
                .check("email", EmailAddress.validate(owner.email()))
                .check("password", PasswordPolicy.validate(owner.password()))
                .throwIfAny();
        if (isSetUp()) {
            throw new AlreadySetUpException();
        }
        String passwordHash = hasher.hash(owner.password());
        String email = EmailAddress.normalize(owner.email());
        Instant now = clock.instant();
        String accountId = Ids.newId();
        String userId = Ids.newId();
        try {
            database.jdbi().useTransaction(h -> {
                h.createUpdate("INSERT INTO installation (id, set_up_at, set_up_by) VALUES (1, :at, :userId)")
                        .bind("at", now).bind("userId", userId).execute();
                AccountDao accounts = h.attach(AccountDao.class);
                accounts.insert(accountId, owner.accountName().strip(), owner.timeZone(), now);
                h.attach(UserDao.class).insert(userId, email, owner.displayName().strip(), passwordHash, now);
                accounts.insertMembership(accountId, userId, Role.OWNER, now);
                audit.record(h, accountId, new Actor(userId, email), AuditAction.SETUP, owner.accountName().strip(),
                        "first account and owner created");
            });
        } catch (UnableToExecuteStatementException e) {
            if (installed()) {
                throw new AlreadySetUpException();
            }
            throw e;
        }
        setUp = true;
        return new SignedInUser(userId, email, owner.displayName().strip(), accountId);
    }

    private boolean installed() {
        return database.jdbi().withHandle(h ->
                h.createQuery("SELECT COUNT(*) FROM installation").mapTo(Integer.class).one() > 0);
    }
}
