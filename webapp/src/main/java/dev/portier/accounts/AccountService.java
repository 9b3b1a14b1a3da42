package dev.portier.accounts;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.db.Database;
import dev.portier.security.ForbiddenException;
import dev.portier.security.SignedInUser;
import java.util.List;

/** The accounts a signed-in user belongs to, and moving between them. */
@Singleton
public final class AccountService {

    private final Database database;

    @Inject
    AccountService(Database database) {
        this.database = database;
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

    /** The same user working in another of their accounts; forbidden unless they belong to it. */
    public SignedInUser switchTo(SignedInUser who, String accountId) {
        boolean member = database.jdbi().withExtension(AccountDao.class, dao -> dao.role(accountId, who.userId()).isPresent());
        if (!member) {
            throw new ForbiddenException("You do not belong to that account");
        }
        return who.inAccount(accountId);
    }
}
