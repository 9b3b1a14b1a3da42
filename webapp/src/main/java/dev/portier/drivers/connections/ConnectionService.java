package dev.portier.drivers.connections;

import dev.portier.plugin.api.ConfigValidation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.identity.accounts.Audited;
import dev.portier.drivers.connections.ConnectionCrypto;
import dev.portier.drivers.connections.ConnectionSecrets;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.Ids;
import dev.portier.plugin.api.ConfigProperty;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.drivers.plugins.DriverFactories;
import dev.portier.drivers.plugins.LoadedDriverFactory;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.TextRules;
import dev.portier.platform.validation.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Connections of the signed-in user's account: VIEWERs read, MANAGERs and OWNERs change. Settings are
 * checked against the driver factory's configuration schema; secret settings are sealed in the
 * connection's secret store (under {@value #SECRET_PREFIX}{@code key}) and never leave this service.
 */
@Singleton
public final class ConnectionService {

    /** Secret settings are stored under this prefix, apart from what the driver keeps in its store. */
    static final String SECRET_PREFIX = "setting:";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> SETTINGS = new TypeReference<>() {
    };

    private final Database database;
    private final Authorization authorization;
    private final AuditLog audit;
    private final Clock clock;
    private final DriverFactories factories;
    private final ConnectionCrypto crypto;
    // A provider: the runtime reads connections through this service's helpers and is told of changes.
    private final Provider<ConnectionRuntime> runtime;
    private final SettingsCheck settingsCheck;

    @Inject
    ConnectionService(Database database, Authorization authorization, AuditLog audit, Clock clock,
            DriverFactories factories, ConnectionCrypto crypto, Provider<ConnectionRuntime> runtime, SettingsCheck settingsCheck) {
        this.settingsCheck = settingsCheck;
        this.runtime = runtime;
        this.database = database;
        this.authorization = authorization;
        this.audit = audit;
        this.clock = clock;
        this.factories = factories;
        this.crypto = crypto;
    }

    public List<Connection> list(SignedInUser who, int offset, int limit) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM connections WHERE account_id = :accountId "
                        + "ORDER BY name, id LIMIT :limit OFFSET :offset")
                .bind("accountId", who.accountId()).bind("limit", limit).bind("offset", offset)
                .map((rs, ctx) -> rs.getString("id")).list()
                .stream().map(id -> find(h, who.accountId(), id)).toList());
    }

    public int count(SignedInUser who) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM connections WHERE account_id = :accountId")
                .bind("accountId", who.accountId()).mapTo(Integer.class).one());
    }

    public Connection get(SignedInUser who, String id) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> find(h, who.accountId(), id));
    }

    public Connection create(SignedInUser who, ConnectionDraft draft) {
        authorization.require(who, Role.MANAGER);
        LoadedDriverFactory factory = validateHead(draft);
        ConnectionSettings.Checked checked = ConnectionSettings.check(factory.configuration(), draft.values(), Set.of());
        Map<String, String> settings = new LinkedHashMap<>(checked.plain());
        settings.putAll(checked.secrets());
        settingsCheck.require(factory, settings);
        String id = Ids.newId();
        Instant now = clock.instant();
        database.jdbi().useTransaction(h -> {
            requireUniqueName(h, who.accountId(), draft.name().strip(), null);
            h.createUpdate("INSERT INTO connections (id, account_id, name, driver_id, settings, created_at, created_by, updated_at) "
                            + "VALUES (:id, :accountId, :name, :driverId, :settings, :at, :by, :at)")
                    .bind("id", id).bind("accountId", who.accountId()).bind("name", draft.name().strip())
                    .bind("driverId", factory.id()).bind("settings", toJson(checked.plain()))
                    .bind("at", now).bind("by", who.actorLabel()).execute();
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.CREATED, "Connection " + draft.name().strip(),
                    "driver " + factory.id() + describeSecrets(checked.secrets().keySet()));
        });
        // Secrets are written after the row commits: SQLite allows one writer, so not inside the transaction.
        storeSecrets(id, checked.secrets());
        runtime.get().restart(who.accountId(), id);
        return get(who, id);
    }

    public Connection update(SignedInUser who, String id, ConnectionDraft draft) {
        authorization.require(who, Role.MANAGER);
        Connection before = get(who, id);
        if (draft.driverId() != null && !draft.driverId().equals(before.driverId())) {
            throw ValidationException.of("driverId", "A connection keeps its driver; create a new connection for another driver");
        }
        LoadedDriverFactory factory = validateHead(new ConnectionDraft(draft.name(), before.driverId(), draft.values()));
        ConnectionSettings.Checked checked = ConnectionSettings.check(factory.configuration(), draft.values(),
                before.storedSecrets());
        settingsCheck.require(factory, merged(before, checked));
        database.jdbi().useTransaction(h -> {
            requireUniqueName(h, who.accountId(), draft.name().strip(), id);
            h.createUpdate("UPDATE connections SET name = :name, settings = :settings, updated_at = :at "
                            + "WHERE id = :id AND account_id = :accountId")
                    .bind("id", id).bind("accountId", who.accountId()).bind("name", draft.name().strip())
                    .bind("settings", toJson(checked.plain())).bind("at", clock.instant()).execute();
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.UPDATED, "Connection " + draft.name().strip(),
                    describeChanges(before.settings(), checked.plain()) + describeSecrets(checked.secrets().keySet()));
        });
        storeSecrets(id, checked.secrets());
        runtime.get().restart(who.accountId(), id);
        return get(who, id);
    }

    /**
     * What the driver says of these settings before anything is saved (problems by field, choices a
     * field may offer, notes such as a certificate's subject and expiry); {@code id} names the
     * connection being changed, or is {@code null} for a new one. Stores nothing.
     */
    public ConfigValidation check(SignedInUser who, String id, ConnectionDraft draft) {
        authorization.require(who, Role.MANAGER);
        if (id == null) {
            LoadedDriverFactory factory = validateHead(draft);
            ConnectionSettings.Checked checked = ConnectionSettings.check(factory.configuration(), draft.values(), Set.of());
            Map<String, String> settings = new LinkedHashMap<>(checked.plain());
            settings.putAll(checked.secrets());
            return settingsCheck.check(factory, settings);
        }
        Connection before = get(who, id);
        LoadedDriverFactory factory = validateHead(new ConnectionDraft(draft.name(), before.driverId(), draft.values()));
        return settingsCheck.check(factory, merged(before,
                ConnectionSettings.check(factory.configuration(), draft.values(), before.storedSecrets())));
    }

    /** The settings a change would leave: the stored ones (secrets decrypted), overlaid with what was typed. */
    private Map<String, String> merged(Connection before, ConnectionSettings.Checked checked) {
        Map<String, String> settings = new LinkedHashMap<>(configuration(before, crypto));
        settings.keySet().retainAll(before.storedSecrets());
        settings.putAll(checked.plain());
        settings.putAll(checked.secrets());
        return settings;
    }

    /** The connection's latest status: what its driver reported, or why it does not run. */
    public DriverStatus status(SignedInUser who, String id) {
        get(who, id);
        return runtime.get().status(id);
    }

    /** Checks the saved connection against the vendor now ("Test connection") and answers its status. */
    public DriverStatus test(SignedInUser who, String id) {
        authorization.require(who, Role.MANAGER);
        get(who, id);
        return runtime.get().test(id);
    }

    /** Deletes a connection and its secrets; one that locks still use is a conflict. */
    public void delete(SignedInUser who, String id) {
        authorization.require(who, Role.MANAGER);
        database.jdbi().useTransaction(h -> {
            Connection connection = find(h, who.accountId(), id);
            int locks = h.createQuery("SELECT COUNT(*) FROM locks WHERE connection_id = :id").bind("id", id)
                    .mapTo(Integer.class).one();
            if (locks > 0) {
                throw new ConflictException("id", connection.name() + " is still used by " + locks
                        + " lock(s): move or delete them first");
            }
            h.createUpdate("DELETE FROM secrets WHERE connection_id = :id").bind("id", id).execute();
            PhoneMaterials.deleteOfConnection(h, id);
            h.createUpdate("DELETE FROM certificate_warnings WHERE connection_id = :id").bind("id", id).execute();
            h.createUpdate("DELETE FROM connections WHERE id = :id AND account_id = :accountId")
                    .bind("id", id).bind("accountId", who.accountId()).execute();
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.DELETED, "Connection " + connection.name(), null);
        });
        runtime.get().remove(id);
    }

    /**
     * The full configuration a driver is created with, secrets decrypted. Host-internal: for the
     * runtime and the "Test connection" call, never for display.
     */
    public Map<String, String> driverConfiguration(String accountId, String id) {
        return configuration(database.jdbi().withHandle(h -> find(h, accountId, id)), crypto);
    }

    /** The connection's settings with its secrets decrypted. */
    static Map<String, String> configuration(Connection connection, ConnectionCrypto crypto) {
        Map<String, String> values = new LinkedHashMap<>(connection.settings());
        ConnectionSecrets secrets = crypto.secrets(connection.id());
        for (String key : connection.storedSecrets()) {
            secrets.get(SECRET_PREFIX + key).ifPresent(v -> values.put(key, new String(v, StandardCharsets.UTF_8)));
        }
        return values;
    }

    /** Every connection of every account, for the runtime. */
    static List<Connection> all(Handle h) {
        List<Map.Entry<String, String>> ids = h.createQuery("SELECT id, account_id FROM connections ORDER BY created_at, id")
                .map((rs, ctx) -> Map.entry(rs.getString("account_id"), rs.getString("id"))).list();
        return ids.stream().map(e -> find(h, e.getKey(), e.getValue())).toList();
    }

    /** The account's connection, if it exists (for the host's own background work; no signed-in user). */
    public java.util.Optional<Connection> find(String accountId, String id) {
        return database.jdbi().withHandle(h -> findIfAny(h, accountId, id));
    }

    static java.util.Optional<Connection> findIfAny(Handle h, String accountId, String id) {
        try {
            return java.util.Optional.of(find(h, accountId, id));
        } catch (NotFoundException e) {
            return java.util.Optional.empty();
        }
    }

    static Connection find(Handle h, String accountId, String id) {
        return h.createQuery("SELECT * FROM connections WHERE id = :id AND account_id = :accountId")
                .bind("id", id).bind("accountId", accountId)
                .map((rs, ctx) -> new Connection(rs.getString("id"), rs.getString("account_id"), rs.getString("name"),
                        rs.getString("driver_id"), fromJson(rs.getString("settings")), Set.of(),
                        Instant.ofEpochMilli(rs.getLong("created_at")), rs.getString("created_by"),
                        Instant.ofEpochMilli(rs.getLong("updated_at"))))
                .findOne()
                .map(c -> withStoredSecrets(h, c))
                .orElseThrow(() -> new NotFoundException("connection"));
    }

    private static Connection withStoredSecrets(Handle h, Connection c) {
        Set<String> stored = new HashSet<>();
        h.createQuery("SELECT name FROM secrets WHERE connection_id = :id AND name LIKE :prefix")
                .bind("id", c.id()).bind("prefix", SECRET_PREFIX + "%").mapTo(String.class)
                .forEach(name -> stored.add(name.substring(SECRET_PREFIX.length())));
        return new Connection(c.id(), c.accountId(), c.name(), c.driverId(), c.settings(), stored, c.createdAt(),
                c.createdBy(), c.updatedAt());
    }

    private LoadedDriverFactory validateHead(ConnectionDraft draft) {
        ValidationException.Collector problems = new ValidationException.Collector()
                .check("name", TextRules.validateName(draft.name(), "a connection name", 100));
        LoadedDriverFactory factory = draft.driverId() == null ? null : factories.byId(draft.driverId()).orElse(null);
        if (factory == null) {
            problems.add("driverId", draft.driverId() == null || draft.driverId().isBlank()
                    ? "Choose a driver" : "No started plugin offers the driver '" + draft.driverId() + "'");
        }
        problems.throwIfAny();
        return factory;
    }

    private static void requireUniqueName(Handle h, String accountId, String name, String exceptId) {
        boolean taken = h.createQuery("SELECT COUNT(*) FROM connections WHERE account_id = :accountId AND name = :name "
                        + "AND id <> :exceptId")
                .bind("accountId", accountId).bind("name", name).bind("exceptId", exceptId == null ? "" : exceptId)
                .mapTo(Integer.class).one() > 0;
        if (taken) {
            throw ValidationException.of("name", "Another connection is already called " + name);
        }
    }

    private void storeSecrets(String id, Map<String, String> secrets) {
        ConnectionSecrets store = crypto.secrets(id);
        secrets.forEach((key, value) -> store.put(SECRET_PREFIX + key, value.getBytes(StandardCharsets.UTF_8)));
    }

    private static String describeSecrets(Set<String> changed) {
        // Names only: the audit log never holds a secret value.
        return changed.isEmpty() ? "" : "; secret(s) set: " + String.join(", ", changed);
    }

    private static String describeChanges(Map<String, String> before, Map<String, String> after) {
        Set<String> keys = new java.util.TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<String> changed = keys.stream().filter(k -> !java.util.Objects.equals(before.get(k), after.get(k))).toList();
        return changed.isEmpty() ? "settings unchanged" : "changed: " + String.join(", ", changed);
    }

    private static String toJson(Map<String, String> plain) {
        try {
            return JSON.writeValueAsString(plain);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Settings could not be written as JSON", e);
        }
    }

    private static Map<String, String> fromJson(String json) {
        try {
            return JSON.readValue(json, SETTINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored connection settings are not valid JSON", e);
        }
    }
}
