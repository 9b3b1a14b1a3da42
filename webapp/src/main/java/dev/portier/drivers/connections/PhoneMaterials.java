package dev.portier.drivers.connections;

import static dev.portier.platform.db.EpochColumns.instant;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.db.Database;
import dev.portier.plugin.api.PhoneMaterial;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Material drivers publish for phones (an intermediate certificate, a lock's key certificate), kept
 * in {@code phone_material} per connection and lock ('' for the whole connection). Which devices may
 * fetch it is decided by the mobile API from current grants, never by the driver.
 */
@Singleton
public final class PhoneMaterials {

    /** One published piece, as the mobile API hands it out. */
    public record Published(String connectionId, String lockId, String name, String mediaType, byte[] content,
            Instant expiresAt, Instant publishedAt) {
    }

    private final Database database;
    private final Clock clock;

    @Inject
    PhoneMaterials(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The publisher a connection's driver gets: scoped to the connection and its own locks. */
    PublisherOf publisherFor(String accountId, String connectionId, ConnectionLocks locks) {
        return new PublisherOf(accountId, connectionId, locks);
    }

    /**
     * What the given connections published for the given locks, plus their connection-wide material,
     * unexpired: the mobile API passes the locks a device's person may open now.
     */
    public List<Published> forLocks(String accountId, Collection<String> connectionIds, Collection<String> lockIds) {
        if (connectionIds.isEmpty()) {
            return List.of();
        }
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM phone_material WHERE account_id = :accountId "
                        + "AND connection_id IN (<connections>) AND (lock_id = '' OR lock_id IN (<locks>)) "
                        + "AND (expires_at IS NULL OR expires_at > :now) ORDER BY connection_id, lock_id, name")
                .bind("accountId", accountId).bindList("connections", List.copyOf(connectionIds))
                .bindList("locks", lockIds.isEmpty() ? List.of("") : List.copyOf(lockIds))
                .bind("now", clock.millis())
                .map((rs, ctx) -> new Published(rs.getString("connection_id"), emptyToNull(rs.getString("lock_id")),
                        rs.getString("name"), rs.getString("media_type"), Base64.getDecoder().decode(rs.getString("content")),
                        instant(rs, "expires_at"), instant(rs, "published_at")))
                .list());
    }

    static void deleteOfConnection(Handle h, String connectionId) {
        h.createUpdate("DELETE FROM phone_material WHERE connection_id = :id").bind("id", connectionId).execute();
    }

    static void deleteOfLock(Handle h, String lockId) {
        h.createUpdate("DELETE FROM phone_material WHERE lock_id = :id").bind("id", lockId).execute();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** A connection's {@link dev.portier.plugin.api.PhoneMaterialPublisher}. */
    final class PublisherOf implements dev.portier.plugin.api.PhoneMaterialPublisher {

        private final String accountId;
        private final String connectionId;
        private final ConnectionLocks locks;

        private PublisherOf(String accountId, String connectionId, ConnectionLocks locks) {
            this.accountId = accountId;
            this.connectionId = connectionId;
            this.locks = locks;
        }

        @Override
        public void publish(PhoneMaterial material) {
            String lockId = lockKey(material.lockId());
            database.jdbi().useHandle(h -> h.createUpdate("INSERT INTO phone_material (connection_id, lock_id, name, account_id, "
                            + "media_type, content, expires_at, published_at) VALUES (:connectionId, :lockId, :name, :accountId, "
                            + ":mediaType, :content, :expiresAt, :now) ON CONFLICT (connection_id, lock_id, name) DO UPDATE SET "
                            + "media_type = excluded.media_type, content = excluded.content, expires_at = excluded.expires_at, "
                            + "published_at = excluded.published_at")
                    .bind("connectionId", connectionId).bind("lockId", lockId).bind("name", material.name())
                    .bind("accountId", accountId).bind("mediaType", material.mediaType())
                    .bind("content", Base64.getEncoder().encodeToString(material.content()))
                    .bind("expiresAt", material.expiresAt() == null ? null : material.expiresAt().toEpochMilli())
                    .bind("now", clock.millis()).execute());
        }

        @Override
        public void withdraw(String name, String lockId) {
            String key = lockKey(lockId);
            database.jdbi().useHandle(h -> h.createUpdate("DELETE FROM phone_material WHERE connection_id = :connectionId "
                            + "AND lock_id = :lockId AND name = :name")
                    .bind("connectionId", connectionId).bind("lockId", key).bind("name", name).execute());
        }

        /** '' for connection-wide material; a lock must be one of the connection's own. */
        private String lockKey(String lockId) {
            if (lockId == null || lockId.isEmpty()) {
                return "";
            }
            if (locks.byId(lockId).isEmpty()) {
                throw new IllegalArgumentException("Lock " + lockId + " is not a lock of this connection");
            }
            return lockId;
        }
    }
}
