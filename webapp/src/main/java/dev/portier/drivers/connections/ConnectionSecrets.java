package dev.portier.drivers.connections;

import dev.portier.platform.crypto.SecretBox;
import dev.portier.platform.db.Database;
import dev.portier.plugin.api.SecretStore;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * The secret store of one connection: values sealed by {@link SecretBox} in the {@code secrets}
 * table, each bound to its connection and name so that a row moved elsewhere does not open.
 *
 * <p>Names starting with {@value #RESERVED_PREFIX} belong to the host (the connection's signing keys)
 * and are refused to drivers, so a driver can never read a private key through this store.
 * Thread-safe; every call is a short database statement.
 */
public final class ConnectionSecrets implements SecretStore {

    /** Prefix of names the host keeps for itself. */
    static final String RESERVED_PREFIX = "portier:";
    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_VALUE_BYTES = 64 * 1024;

    private final String connectionId;
    private final Database database;
    private final SecretBox box;
    private final Clock clock;

    ConnectionSecrets(String connectionId, Database database, SecretBox box, Clock clock) {
        if (connectionId == null || connectionId.isBlank() || connectionId.length() > 36) {
            throw new IllegalArgumentException("A connection id has 1 to 36 characters");
        }
        this.connectionId = connectionId;
        this.database = database;
        this.box = box;
        this.clock = clock;
    }

    public String connectionId() {
        return connectionId;
    }

    @Override
    public Optional<byte[]> get(String name) {
        checkDriverName(name);
        return read(name, driverPurpose(name));
    }

    @Override
    public void put(String name, byte[] value) {
        checkDriverName(name);
        if (value == null) {
            throw new IllegalArgumentException("The value of secret '" + name + "' is missing; use delete to remove it");
        }
        if (value.length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("Secret '" + name + "' has " + value.length + " bytes; at most "
                    + MAX_VALUE_BYTES + " are kept");
        }
        String sealed = seal(value, driverPurpose(name));
        database.jdbi().useHandle(h -> h.createUpdate("INSERT INTO secrets (connection_id, name, ciphertext, updated_at) "
                        + "VALUES (:connectionId, :name, :ciphertext, :at) ON CONFLICT (connection_id, name) "
                        + "DO UPDATE SET ciphertext = excluded.ciphertext, updated_at = excluded.updated_at")
                .bind("connectionId", connectionId).bind("name", name).bind("ciphertext", sealed).bind("at", clock.instant())
                .execute());
    }

    @Override
    public void delete(String name) {
        checkDriverName(name);
        database.jdbi().useHandle(h -> h.createUpdate("DELETE FROM secrets WHERE connection_id = :connectionId AND name = :name")
                .bind("connectionId", connectionId).bind("name", name).execute());
    }

    /**
     * The host's value under a reserved name, created by {@code create} when there is none. When two
     * callers race, the first insert wins and both get its value.
     */
    byte[] hostValue(String hostName, String purpose, Supplier<byte[]> create) {
        String name = RESERVED_PREFIX + hostName;
        Optional<byte[]> existing = read(name, purpose);
        if (existing.isPresent()) {
            return existing.get();
        }
        String sealed = seal(create.get(), purpose);
        String stored = database.jdbi().inTransaction(h -> {
            h.createUpdate("INSERT INTO secrets (connection_id, name, ciphertext, updated_at) "
                            + "VALUES (:connectionId, :name, :ciphertext, :at) ON CONFLICT (connection_id, name) DO NOTHING")
                    .bind("connectionId", connectionId).bind("name", name).bind("ciphertext", sealed).bind("at", clock.instant())
                    .execute();
            return ciphertext(h, name).orElseThrow();
        });
        return box.open(Base64.getDecoder().decode(stored), purpose);
    }

    /** The purpose a driver's secret is sealed for: a row copied to another connection or name does not open. */
    String driverPurpose(String name) {
        return "connection:" + connectionId + ":secret:" + name;
    }

    /** The purpose of a host-kept value of this connection, such as a signing key. */
    String hostPurpose(String kind, String name) {
        return "connection:" + connectionId + ":" + kind + ":" + name;
    }

    private Optional<byte[]> read(String name, String purpose) {
        return database.jdbi().withHandle(h -> ciphertext(h, name))
                .map(text -> box.open(Base64.getDecoder().decode(text), purpose));
    }

    private Optional<String> ciphertext(Handle h, String name) {
        return h.createQuery("SELECT ciphertext FROM secrets WHERE connection_id = :connectionId AND name = :name")
                .bind("connectionId", connectionId).bind("name", name).mapTo(String.class).findOne();
    }

    private String seal(byte[] value, String purpose) {
        return Base64.getEncoder().encodeToString(box.seal(value, purpose));
    }

    private static void checkDriverName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A secret needs a name");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("Secret names have at most " + MAX_NAME_LENGTH + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("Secret names cannot contain control characters");
        }
        if (name.startsWith(RESERVED_PREFIX)) {
            throw new IllegalArgumentException("Secret names starting with '" + RESERVED_PREFIX + "' are reserved for Portier");
        }
    }

    @Override
    public String toString() {
        return "ConnectionSecrets[connection=" + connectionId + "]";
    }
}
