package dev.portier.identity.accounts;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.audit.Actor;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.Ids;
import dev.portier.identity.accounts.ForbiddenException;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.validation.TextRules;
import dev.portier.platform.validation.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The accounts a signed-in user belongs to, creating one, and moving between them. */
@Singleton
public final class AccountService {

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    AccountService(Database database, AuditLog audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    public List<AccountMembership> accountsOf(SignedInUser who) {
        return database.jdbi().withExtension(AccountDao.class, dao -> dao.membershipsOf(who.userId()));
    }

    public Account current(SignedInUser who) {
        return database.jdbi().withExtension(AccountDao.class, dao -> {
            dao.role(who.accountId(), who.userId()).orElseThrow(() -> new ForbiddenException("You no longer belong to this account"));
            return dao.find(who.accountId()).orElseThrow();
        });
    }

    /** The account by id, for the host's own background work (no signed-in user); empty when it does not exist. */
    public java.util.Optional<Account> find(String accountId) {
        return database.jdbi().withExtension(AccountDao.class, dao -> dao.find(accountId));
    }

    /** Every account of the installation, by name: for the admin command line only, never for a request. */
    public List<Account> all() {
        return database.jdbi().withExtension(AccountDao.class, AccountDao::all);
    }

    /** A new account owned by {@code who}; they continue in it. */
    public SignedInUser create(SignedInUser who, String name, String timeZone) {
        new ValidationException.Collector()
                .check("name", TextRules.validateName(name, "an account name", 100))
                .check("timeZone", TimeZones.validate(timeZone))
                .throwIfAny();
        String accountId = Ids.newId();
        Instant now = clock.instant();
        database.jdbi().useTransaction(h -> {
            AccountDao dao = h.attach(AccountDao.class);
            dao.insert(accountId, name.strip(), timeZone, now);
            dao.insertMembership(accountId, who.userId(), Role.OWNER, now);
            audit.record(h, accountId, new Actor(who.userId(), who.email()), AuditAction.ACCOUNT_CREATED, name.strip(),
                    "time zone " + timeZone);
        });
        return who.inAccount(accountId);
    }

    /** The same user working in another of their accounts; forbidden unless they belong to it. */
    public SignedInUser switchTo(SignedInUser who, String accountId) {
        boolean member = database.jdbi().withExtension(AccountDao.class, dao -> dao.role(accountId, who.userId()).isPresent());
        if (!member) {
            throw new ForbiddenException("You do not belong to that account");
        }
        return who.inAccount(accountId);
    }
}
