package dev.portier.drivers.discovery;

import static dev.portier.platform.db.EpochColumns.instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.drivers.connections.Connection;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.audit.Actor;
import dev.portier.platform.db.Database;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.ValidationException;
import dev.portier.plugin.api.LockDiscovery;
import dev.portier.plugin.api.LockDiscovery.DiscoveredLock;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locks a vendor account holds (the {@link LockDiscovery} capability), imported as Portier locks: a lock not
 * known yet is created (in the connection's import site, made on the first import and named after the
 * connection), a known one keeps its name, site and history and gets the vendor's facts, and one missing from
 * a successful discovery is marked "no longer at the vendor" — never deleted — until it reappears.
 */
@Singleton
public final class LockDiscoveries {

    private static final Logger log = LoggerFactory.getLogger(LockDiscoveries.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_NAME = 100;

    /** How the last discovery of a connection went. {@code lastSuccessAt} null: none succeeded yet. */
    public record Status(Instant lastAttemptAt, Instant lastSuccessAt, String lastError, Integer locksFound, int missing,
            boolean running) {
    }

    /** What the vendor says of one lock. {@code missingSince} non-null: the last discovery no longer listed it. */
    public record Facts(String lockId, String displayReference, String model, Map<String, String> facts, Instant lastSeenAt,
            Instant missingSince) {
    }

    private final Database database;
    private final LockService locks;
    private final SiteService sites;
    private final ConnectionService connections;
    private final AccountService accounts;
    private final Authorization authorization;
    private final Provider<DiscoverySchedule> schedule;
    private final Clock clock;

    @Inject
    LockDiscoveries(Database database, LockService locks, SiteService sites, ConnectionService connections,
            AccountService accounts, Authorization authorization, Provider<DiscoverySchedule> schedule, Clock clock) {
        this.database = database;
        this.locks = locks;
        this.sites = sites;
        this.connections = connections;
        this.accounts = accounts;
        this.authorization = authorization;
        this.schedule = schedule;
        this.clock = clock;
    }

    /** Whether the connection's driver discovers locks (it runs and implements {@link LockDiscovery}). */
    public boolean discovers(SignedInUser who, String connectionId) {
        authorization.require(who, Role.VIEWER);
        connections.get(who, connectionId);
        return schedule.get().discovers(connectionId);
    }

    /**
     * Asks for a discovery now ("Sync locks now"). Returns at once: the discovery runs in the background and
     * its outcome shows in {@link #status}. A connection that does not discover locks is a conflict.
     */
    public void requestNow(SignedInUser who, String connectionId) {
        authorization.require(who, Role.MANAGER);
        connections.get(who, connectionId);
        if (!schedule.get().requestNow(connectionId)) {
            throw new ConflictException("connectionId", "This connection does not discover locks (it does not run, or its "
                    + "driver cannot list the vendor's locks)");
        }
    }

    public Optional<Status> status(SignedInUser who, String connectionId) {
        authorization.require(who, Role.VIEWER);
        connections.get(who, connectionId);
        boolean running = schedule.get().isRunning(connectionId);
        return database.jdbi().withHandle(h -> h.createQuery("SELECT d.*, (SELECT COUNT(*) FROM discovered_locks m "
                        + "WHERE m.connection_id = d.connection_id AND m.missing_since IS NOT NULL AND m.deleted_at IS NULL) AS missing "
                        + "FROM lock_discoveries d WHERE d.connection_id = :id AND d.account_id = :accountId")
                .bind("id", connectionId).bind("accountId", who.accountId())
                .map((rs, ctx) -> new Status(instant(rs, "last_attempt_at"), instant(rs, "last_success_at"),
                        rs.getString("last_error"), (Integer) rs.getObject("locks_found", Integer.class), rs.getInt("missing"),
                        running))
                .findOne());
    }

    /** The vendor's facts of the given locks that discovery found (the Locks page's badges and the lock dialog). */
    public Map<String, Facts> facts(SignedInUser who, Collection<String> lockIds) {
        authorization.require(who, Role.VIEWER);
        if (lockIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Facts> found = new LinkedHashMap<>();
        database.jdbi().useHandle(h -> h.createQuery("SELECT * FROM discovered_locks WHERE account_id = :accountId "
                        + "AND deleted_at IS NULL AND lock_id IN (<ids>)").bind("accountId", who.accountId()).bindList("ids", List.copyOf(lockIds))
                .map((rs, ctx) -> new Facts(rs.getString("lock_id"), rs.getString("display_reference"), rs.getString("model"),
                        readFacts(rs.getString("facts")), instant(rs, "last_seen_at"), instant(rs, "missing_since")))
                .forEach(facts -> found.put(facts.lockId(), facts)));
        return found;
    }

    /** Notes a failed discovery: nothing else changes. */
    void failed(String accountId, String connectionId, String message) {
        Instant now = clock.instant();
        String text = message == null || message.isBlank() ? "The driver gave no reason" : message;
        database.jdbi().useHandle(h -> h.createUpdate("INSERT INTO lock_discoveries (connection_id, account_id, last_attempt_at, "
                        + "last_error) VALUES (:id, :accountId, :now, :error) ON CONFLICT (connection_id) DO UPDATE SET "
                        + "last_attempt_at = excluded.last_attempt_at, last_error = excluded.last_error")
                .bind("id", connectionId).bind("accountId", accountId).bind("now", now.toEpochMilli())
                .bind("error", text.length() > 2000 ? text.substring(0, 1997) + "…" : text).execute());
    }

    /**
     * Applies a successful discovery: creates the locks not known yet, refreshes the facts of known ones, marks
     * the ones the vendor no longer lists and unmarks those that came back. Returns how many locks it created.
     */
    int apply(String accountId, String connectionId, List<DiscoveredLock> found) {
        Optional<Connection> connection = connections.find(accountId, connectionId);
        if (connection.isEmpty()) {
            return 0; // deleted meanwhile
        }
        Instant now = clock.instant();
        Actor actor = new Actor(null, "Lock discovery of " + connection.get().name());
        Map<String, DiscoveredLock> byReference = new LinkedHashMap<>();
        for (DiscoveredLock lock : found) {
            byReference.putIfAbsent(lock.vendorReference().strip(), lock);
        }
        int created = 0;
        Set<String> seen = new java.util.HashSet<>();
        Set<String> deleted = database.jdbi().withHandle(h -> h.createQuery("SELECT vendor_reference FROM discovered_locks "
                        + "WHERE connection_id = :id AND deleted_at IS NOT NULL").bind("id", connectionId).mapTo(String.class).set());
        for (Map.Entry<String, DiscoveredLock> entry : byReference.entrySet()) {
            Optional<Lock> known = locks.byVendorReference(accountId, connectionId, entry.getKey());
            Lock lock;
            if (known.isPresent()) {
                lock = known.get();
            } else if (deleted.contains(entry.getKey())) {
                continue; // someone deleted it in Portier: not imported again
            } else {
                try {
                    lock = locks.create(accountId, actor, new LockDraft(importSite(accountId, connection.get(), actor), nameOf(entry.getValue()),
                            LockKind.DOOR, null, entry.getKey(), LockState.ACTIVE, connectionId));
                    created++;
                } catch (ValidationException | ConflictException refused) {
                    log.warn("Connection {}: lock {} of the vendor was not imported: {}", connectionId, entry.getKey(),
                            refused.getMessage());
                    continue;
                }
            }
            seen.add(lock.id());
            remember(accountId, connectionId, lock.id(), entry.getValue(), now);
        }
        database.jdbi().useTransaction(h -> {
            List<String> known = h.createQuery("SELECT lock_id FROM discovered_locks WHERE connection_id = :id AND account_id = :accountId AND deleted_at IS NULL")
                    .bind("id", connectionId).bind("accountId", accountId).mapTo(String.class).list();
            for (String lockId : known) {
                if (!seen.contains(lockId)) {
                    h.createUpdate("UPDATE discovered_locks SET missing_since = :now WHERE lock_id = :lockId AND missing_since IS NULL")
                            .bind("now", now.toEpochMilli()).bind("lockId", lockId).execute();
                }
            }
            h.createUpdate("INSERT INTO lock_discoveries (connection_id, account_id, last_attempt_at, last_success_at, last_error, "
                            + "locks_found) VALUES (:id, :accountId, :now, :now, NULL, :count) ON CONFLICT (connection_id) DO UPDATE SET "
                            + "last_attempt_at = excluded.last_attempt_at, last_success_at = excluded.last_success_at, "
                            + "last_error = NULL, locks_found = excluded.locks_found")
                    .bind("id", connectionId).bind("accountId", accountId).bind("now", now.toEpochMilli())
                    .bind("count", byReference.size()).execute();
        });
        return created;
    }

    /** Forgets a deleted connection's discovery (its locks are gone: a connection with locks cannot be deleted). */
    void forget(String connectionId) {
        database.jdbi().useHandle(h -> {
            h.createUpdate("DELETE FROM discovered_locks WHERE connection_id = :id").bind("id", connectionId).execute();
            h.createUpdate("DELETE FROM lock_discoveries WHERE connection_id = :id").bind("id", connectionId).execute();
        });
    }

    private void remember(String accountId, String connectionId, String lockId, DiscoveredLock lock, Instant now) {
        database.jdbi().useHandle(h -> h.createUpdate("INSERT INTO discovered_locks (lock_id, account_id, connection_id, "
                        + "vendor_reference, display_reference, model, facts, first_seen_at, last_seen_at, missing_since) VALUES "
                        + "(:lockId, :accountId, :connectionId, :reference, :display, :model, :facts, :now, :now, NULL) "
                        + "ON CONFLICT (lock_id) DO UPDATE SET connection_id = excluded.connection_id, "
                        + "vendor_reference = excluded.vendor_reference, display_reference = excluded.display_reference, "
                        + "model = excluded.model, facts = excluded.facts, last_seen_at = excluded.last_seen_at, missing_since = NULL")
                .bind("lockId", lockId).bind("accountId", accountId).bind("connectionId", connectionId)
                .bind("reference", limit(lock.vendorReference().strip(), 200)).bind("display", limit(lock.displayReference(), 200))
                .bind("model", limit(lock.model(), 200)).bind("facts", writeFacts(lock.facts()))
                .bind("now", now.toEpochMilli()).execute());
    }

    /** The site new locks of the connection go to: the one noted for it, else a new site named after the connection. */
    private String importSite(String accountId, Connection connection, Actor actor) {
        Optional<String> noted = database.jdbi().withHandle(h -> h.createQuery("SELECT site_id FROM lock_discoveries "
                        + "WHERE connection_id = :id AND site_id IS NOT NULL").bind("id", connection.id()).mapTo(String.class).findOne());
        if (noted.isPresent() && sites.find(accountId, noted.get()).isPresent()) {
            return noted.get();
        }
        String zone = accounts.find(accountId).map(a -> a.timeZone()).orElse("UTC");
        Site site = sites.create(accountId, actor, new SiteDraft(limit(connection.name(), MAX_NAME), null, zone));
        database.jdbi().useHandle(h -> h.createUpdate("INSERT INTO lock_discoveries (connection_id, account_id, site_id) VALUES "
                        + "(:id, :accountId, :siteId) ON CONFLICT (connection_id) DO UPDATE SET site_id = excluded.site_id")
                .bind("id", connection.id()).bind("accountId", accountId).bind("siteId", site.id()).execute());
        return site.id();
    }

    private static String nameOf(DiscoveredLock lock) {
        String name = lock.name().strip();
        if (name.isEmpty()) {
            name = lock.displayReference() != null ? lock.displayReference() : lock.vendorReference();
        }
        return limit(name.replaceAll("\\p{Cntrl}", " ").strip(), MAX_NAME);
    }

    private static String limit(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static String writeFacts(Map<String, String> facts) {
        try {
            return JSON.writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> readFacts(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
