package dev.portier.identity.users;

import dev.portier.identity.accounts.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(User.class)
@RegisterConstructorMapper(Member.class)
public interface UserDao {

    @SqlUpdate("INSERT INTO users (id, email, display_name, password_hash, created_at, password_changed_at) "
            + "VALUES (:id, :email, :displayName, :passwordHash, :createdAt, :createdAt)")
    void insert(@Bind("id") String id, @Bind("email") String email, @Bind("displayName") String displayName,
            @Bind("passwordHash") String passwordHash, @Bind("createdAt") Instant createdAt);

    @SqlQuery("SELECT * FROM users WHERE email = :email")
    Optional<User> findByEmail(@Bind("email") String email);

    @SqlQuery("SELECT * FROM users WHERE id = :id")
    Optional<User> find(@Bind("id") String id);

    @SqlQuery("SELECT COUNT(*) FROM users")
    int count();

    @SqlUpdate("UPDATE users SET password_hash = :hash, password_changed_at = :at WHERE id = :id")
    void updatePassword(@Bind("id") String id, @Bind("hash") String hash, @Bind("at") Instant at);

    @SqlUpdate("UPDATE users SET password_hash = :hash WHERE id = :id")
    void rehash(@Bind("id") String id, @Bind("hash") String hash);

    @SqlQuery("SELECT u.id AS user_id, u.email, u.display_name, m.role, m.created_at AS member_since "
            + "FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.account_id = :accountId "
            + "ORDER BY u.display_name, u.email")
    List<Member> members(@Bind("accountId") String accountId);

    @SqlQuery("SELECT u.id AS user_id, u.email, u.display_name, m.role, m.created_at AS member_since "
            + "FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.account_id = :accountId AND u.id = :userId")
    Optional<Member> member(@Bind("accountId") String accountId, @Bind("userId") String userId);
}
