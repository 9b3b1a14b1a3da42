package dev.portier.identity.accounts;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.AccountDao;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.db.Database;
import java.util.Optional;

/**
 * Server-side role checks. Every service method that reads or changes an account's data calls
 * {@link #require} first; the role is read fresh from the database each time.
 *
 * <p>A person acts with their membership's role. An API token acts with the lesser of the role it was
 * created with and its creator's current role, and with none once it is revoked or its creator has
 * left the account: a token never does more than the person who made it could do today.
 */
@Singleton
public final class Authorization {

    private final Database database;

    @Inject
    Authorization(Database database) {
        this.database = database;
    }

    public Optional<Role> roleOf(SignedInUser who) {
        if (who.isApiToken()) {
            return tokenRole(who);
        }
        return database.jdbi().withExtension(AccountDao.class, dao -> dao.role(who.accountId(), who.userId()));
    }

    /** The user's role in their current account, if it includes {@code required}; else forbidden. */
    public Role require(SignedInUser who, Role required) {
        Role role = roleOf(who).orElseThrow(() -> new ForbiddenException(who.isApiToken()
                ? "This API token is revoked, or the person who created it no longer belongs to the account"
                : "You no longer belong to this account"));
        if (!role.includes(required)) {
            throw new ForbiddenException(who.isApiToken()
                    ? "This needs the " + required.label() + " role; the API token acts as " + role.label()
                    : "This needs the " + required.label() + " role; you are " + role.label());
        }
        return role;
    }

    private Optional<Role> tokenRole(SignedInUser who) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT t.role AS token_role, m.role AS member_role "
                        + "FROM api_tokens t JOIN memberships m ON m.account_id = t.account_id AND m.user_id = t.created_by_user_id "
                        + "WHERE t.id = :id AND t.account_id = :accountId AND t.created_by_user_id = :userId AND t.revoked_at IS NULL")
                .bind("id", who.apiTokenId()).bind("accountId", who.accountId()).bind("userId", who.userId())
                .map((rs, ctx) -> lesser(Role.valueOf(rs.getString("token_role")), Role.valueOf(rs.getString("member_role"))))
                .findOne());
    }

    private static Role lesser(Role a, Role b) {
        return a.includes(b) ? b : a;
    }
}
