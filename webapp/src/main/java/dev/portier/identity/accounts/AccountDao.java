package dev.portier.identity.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Account.class)
@RegisterConstructorMapper(AccountMembership.class)
public interface AccountDao {

    @SqlUpdate("INSERT INTO accounts (id, name, time_zone, created_at) VALUES (:id, :name, :timeZone, :createdAt)")
    void insert(@Bind("id") String id, @Bind("name") String name, @Bind("timeZone") String timeZone,
            @Bind("createdAt") Instant createdAt);

    @SqlQuery("SELECT * FROM accounts WHERE id = :id")
    Optional<Account> find(@Bind("id") String id);

    @SqlUpdate("INSERT INTO memberships (account_id, user_id, role, created_at) VALUES (:accountId, :userId, :role, :createdAt)")
    void insertMembership(@Bind("accountId") String accountId, @Bind("userId") String userId, @Bind("role") Role role,
            @Bind("createdAt") Instant createdAt);

    @SqlQuery("SELECT role FROM memberships WHERE account_id = :accountId AND user_id = :userId")
    Optional<Role> role(@Bind("accountId") String accountId, @Bind("userId") String userId);

    @SqlQuery("SELECT a.id AS account_id, a.name AS account_name, a.time_zone, m.role FROM memberships m "
            + "JOIN accounts a ON a.id = m.account_id WHERE m.user_id = :userId ORDER BY a.name, a.id")
    List<AccountMembership> membershipsOf(@Bind("userId") String userId);

    @SqlQuery("SELECT COUNT(*) FROM memberships WHERE account_id = :accountId AND role = 'OWNER'")
    int ownerCount(@Bind("accountId") String accountId);

    @SqlUpdate("UPDATE memberships SET role = :role WHERE account_id = :accountId AND user_id = :userId")
    int updateRole(@Bind("accountId") String accountId, @Bind("userId") String userId, @Bind("role") Role role);

    @SqlUpdate("DELETE FROM memberships WHERE account_id = :accountId AND user_id = :userId")
    int deleteMembership(@Bind("accountId") String accountId, @Bind("userId") String userId);

    @SqlQuery("SELECT * FROM accounts ORDER BY name, id")
    List<Account> all();
}
