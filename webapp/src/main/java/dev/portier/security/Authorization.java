package dev.portier.security;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.accounts.AccountDao;
import dev.portier.accounts.Role;
import dev.portier.db.Database;
import java.util.Optional;

/**
 * Server-side role checks. Every service method that reads or changes an account's data calls
 * {@link #require} first; the role is read fresh from the database each time.
 */
@Singleton
public final class Authorization {

    private final Database database;

    @Inject
    Authorization(Database database) {
        this.database = database;
    }

    public Optional<Role> roleOf(SignedInUser who) {
        return database.jdbi().withExtension(AccountDao.class, dao -> dao.role(who.accountId(), who.userId()));
    }

    /** The user's role in their current account, if it includes {@code required}; else forbidden. */
    public Role require(SignedInUser who, Role required) {
        Role role = roleOf(who).orElseThrow(() -> new ForbiddenException("You no longer belong to this account"));
        if (!role.includes(required)) {
            throw new ForbiddenException("This needs the " + required.label() + " role; you are " + role.label());
        }
        return role;
    }
}
