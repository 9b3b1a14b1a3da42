package dev.portier.drivers.trust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.identity.accounts.Audited;
import dev.portier.drivers.connections.ConnectionRuntime;
import dev.portier.platform.db.Database;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.plugin.api.LockEnrolment;
import dev.portier.plugin.api.LockEnrolment.EnrolmentRequest;
import dev.portier.plugin.api.LockEnrolment.EnrolmentResult;
import dev.portier.plugin.api.LockRef;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Gives a lock its identity through its connection's driver ({@link LockEnrolment}): the lock keeps its
 * private key; Portier keeps the lock's public key (phones check the lock with it) and the issuer key the
 * lock trusts. Enrolling activates a lock waiting for enrolment and issues the keys its grants call for.
 */
@Singleton
public final class LockEnrolments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;
    private final Authorization authorization;
    private final AuditLog audit;
    private final ConnectionRuntime runtime;
    private final Clock clock;
    private final Provider<KeyIssuer> keys;

    @Inject
    LockEnrolments(Database database, Authorization authorization, AuditLog audit, ConnectionRuntime runtime, Clock clock,
            Provider<KeyIssuer> keys) {
        this.database = database;
        this.authorization = authorization;
        this.audit = audit;
        this.runtime = runtime;
        this.clock = clock;
        this.keys = keys;
    }

    /** A lock's enrolment as Portier keeps it. */
    public record Enrolment(String lockId, String connectionId, String publicKey, String issuerKey,
            Map<String, String> material, Instant enrolledAt, String enrolledBy) {
    }

    /** Whether the lock's connection can enrol locks (its driver runs and declares ENROLMENT). */
    public boolean canEnrol(Lock lock) {
        return lock.connectionId() != null && runtime.offers(lock.connectionId(), LockEnrolment.class);
    }

    public Enrolment enrol(SignedInUser who, String lockId, Map<String, String> inputs) {
        authorization.require(who, Role.MANAGER);
        Lock lock = database.jdbi().withHandle(h -> LockService.find(h, who.accountId(), lockId));
        if (lock.connectionId() == null) {
            throw new ConflictException("lock", "The lock belongs to no connection: choose its connection first");
        }
        if (lock.state() == LockState.DECOMMISSIONED) {
            throw new ConflictException("lock", "A decommissioned lock cannot be enrolled");
        }
        Map<String, String> clean = inputs == null ? Map.of() : inputs;
        EnrolmentResult result = DriverOutcomes.valueOf(runtime.callCapability(lock.connectionId(), LockEnrolment.class,
                "enrol lock", driver -> driver.enrol(new EnrolmentRequest(ref(lock), clean))), "inputs");
        String publicKey = result.material().get("publicKey");
        String issuerKey = result.material().get("issuerKey");
        if (publicKey == null || issuerKey == null) {
            throw ValidationException.of("inputs", "The driver enrolled the lock without a public key and issuer key; "
                    + "it cannot take keys issued by Portier");
        }
        Instant now = clock.instant();
        database.jdbi().useTransaction(h -> {
            h.createUpdate("DELETE FROM lock_enrolments WHERE lock_id = :lockId").bind("lockId", lock.id()).execute();
            h.createUpdate("INSERT INTO lock_enrolments (lock_id, account_id, connection_id, public_key, issuer_key, material, "
                            + "enrolled_at, enrolled_by) VALUES (:lockId, :accountId, :connectionId, :publicKey, :issuerKey, "
                            + ":material, :now, :by)")
                    .bind("lockId", lock.id()).bind("accountId", who.accountId()).bind("connectionId", lock.connectionId())
                    .bind("publicKey", publicKey).bind("issuerKey", issuerKey).bind("material", json(result.material()))
                    .bind("now", now).bind("by", who.email()).execute();
            LockService.markEnrolled(h, lock.id(), result.vendorReference());
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.UPDATED, "Lock " + lock.name(), "Enrolled");
        });
        keys.get().reconcileLockQuietly(who.accountId(), lock.id());
        return find(who.accountId(), lock.id()).orElseThrow();
    }

    public Optional<Enrolment> get(SignedInUser who, String lockId) {
        authorization.require(who, Role.VIEWER);
        database.jdbi().useHandle(h -> LockService.find(h, who.accountId(), lockId));
        return find(who.accountId(), lockId);
    }

    Optional<Enrolment> find(String accountId, String lockId) {
        return database.jdbi().withHandle(h -> find(h, accountId, lockId));
    }

    static Optional<Enrolment> find(Handle h, String accountId, String lockId) {
        return h.createQuery("SELECT * FROM lock_enrolments WHERE lock_id = :lockId AND account_id = :accountId")
                .bind("lockId", lockId).bind("accountId", accountId)
                .map((rs, ctx) -> new Enrolment(rs.getString("lock_id"), rs.getString("connection_id"),
                        rs.getString("public_key"), rs.getString("issuer_key"), material(rs.getString("material")),
                        Instant.ofEpochMilli(rs.getLong("enrolled_at")), rs.getString("enrolled_by"))).findOne();
    }

    /** The lock as drivers see it. */
    public static LockRef ref(Lock lock) {
        return new LockRef(lock.id(), lock.vendorReference(), lock.name(), lock.siteTimeZone());
    }

    private static String json(Map<String, String> material) {
        try {
            return JSON.writeValueAsString(material);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> material(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable enrolment material", e);
        }
    }
}
