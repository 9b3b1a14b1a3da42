package dev.portier.drivers.trust;

import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Base64;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import dev.portier.platform.validation.UnavailableException;
import dev.portier.platform.crypto.SecretBox;
import dev.portier.plugin.api.Material;
import dev.portier.plugin.api.ConfigProperty;
import dev.portier.drivers.plugins.SpiValues;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.identity.accounts.Audited;
import dev.portier.platform.audit.Actor;
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

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private final Database database;
    private final Authorization authorization;
    private final AuditLog audit;
    private final ConnectionRuntime runtime;
    private final Clock clock;
    private final Provider<KeyIssuer> keys;
    private final SecretBox box;

    @Inject
    LockEnrolments(Database database, Authorization authorization, AuditLog audit, ConnectionRuntime runtime, Clock clock,
            Provider<KeyIssuer> keys, SecretBox box) {
        this.box = box;
        this.database = database;
        this.authorization = authorization;
        this.audit = audit;
        this.runtime = runtime;
        this.clock = clock;
        this.keys = keys;
    }

    /**
     * A lock's enrolment: the driver's material by name (descriptions only; secret content never leaves
     * the database unsealed), and the trust service's identity keys when the driver gave them.
     */
    public record Enrolment(String lockId, String connectionId, String publicKey, String issuerKey,
            List<MaterialInfo> material, Instant enrolledAt, String enrolledBy) {
    }

    /** One piece of enrolment material, described. */
    public record MaterialInfo(String name, Material.Visibility visibility, String mediaType, Instant expiresAt) {
    }

    /** Whether the lock's connection can enrol locks (its driver runs and declares ENROLMENT). */
    public boolean canEnrol(Lock lock) {
        return lock.connectionId() != null && runtime.offers(lock.connectionId(), LockEnrolment.class);
    }

    /**
     * What the lock's driver needs to enrol it (e.g. a provisioning code, a serial number, a public key),
     * asked of the connection's running driver: the UI, the REST API and the mobile API collect exactly these.
     */
    public List<ConfigProperty> inputs(SignedInUser who, String lockId) {
        authorization.require(who, Role.VIEWER);
        return inputsOf(enrollable(who.accountId(), lockId));
    }

    /** The driver's declared inputs for an enrollable lock, whoever asks (the caller has decided they may). */
    List<ConfigProperty> inputsOf(Lock lock) {
        List<ConfigProperty> inputs = DriverOutcomes.valueOf(runtime.callCapability(lock.connectionId(), LockEnrolment.class,
                "list enrolment inputs", LockEnrolment::enrolmentInputs), "inputs");
        return inputs == null ? List.of() : List.copyOf(inputs);
    }

    public Enrolment enrol(SignedInUser who, String lockId, Map<String, String> inputs) {
        authorization.require(who, Role.MANAGER);
        return enrol(who.accountId(), enrollable(who.accountId(), lockId), inputs, Audited.by(who), who.email(), "Enrolled");
    }

    /**
     * Enrols an enrollable lock with the driver's declared inputs; the caller has decided that {@code actor}
     * may. {@code enrolledBy} is kept with the enrolment, {@code note} goes to the audit log.
     */
    Enrolment enrol(String accountId, Lock lock, Map<String, String> inputs, Actor actor, String enrolledBy, String note) {
        Map<String, String> clean = checked(inputsOf(lock), inputs == null ? Map.of() : inputs);
        EnrolmentResult result;
        try {
            result = DriverOutcomes.valueOf(runtime.callCapability(lock.connectionId(), LockEnrolment.class,
                    "enrol lock", driver -> driver.enrol(new EnrolmentRequest(SpiValues.lockRef(lock), clean))), "inputs");
            if (result == null) {
                throw new UnavailableException("The driver enrolled the lock but answered nothing");
            }
        } catch (ValidationException | ConflictException refused) {
            recordAttempt(accountId, lock, enrolledBy, Attempt.Outcome.REFUSED, refused.getMessage());
            throw refused;
        } catch (UnavailableException failed) {
            recordAttempt(accountId, lock, enrolledBy, Attempt.Outcome.FAILED, failed.getMessage());
            throw failed;
        }
        String publicKey = text(result, "publicKey");
        String issuerKey = text(result, "issuerKey");
        Instant now = clock.instant();
        database.jdbi().useTransaction(h -> {
            h.createUpdate("DELETE FROM lock_enrolments WHERE lock_id = :lockId").bind("lockId", lock.id()).execute();
            h.createUpdate("DELETE FROM enrolment_material WHERE lock_id = :lockId").bind("lockId", lock.id()).execute();
            h.createUpdate("INSERT INTO lock_enrolments (lock_id, account_id, connection_id, public_key, issuer_key, material, "
                            + "enrolled_at, enrolled_by) VALUES (:lockId, :accountId, :connectionId, :publicKey, :issuerKey, "
                            + ":material, :now, :by)")
                    .bind("lockId", lock.id()).bind("accountId", accountId).bind("connectionId", lock.connectionId())
                    .bind("publicKey", publicKey).bind("issuerKey", issuerKey).bind("material", json(describe(result)))
                    .bind("now", now).bind("by", enrolledBy).execute();
            for (Material piece : result.material()) {
                h.createUpdate("INSERT INTO enrolment_material (lock_id, name, account_id, visibility, media_type, content, "
                                + "expires_at) VALUES (:lockId, :name, :accountId, :visibility, :mediaType, :content, :expiresAt)")
                        .bind("lockId", lock.id()).bind("name", piece.name()).bind("accountId", accountId)
                        .bind("visibility", piece.visibility().name()).bind("mediaType", piece.mediaType())
                        .bind("content", Base64.getEncoder().encodeToString(piece.visibility() == Material.Visibility.SECRET
                                ? box.seal(piece.content(), purpose(lock.id(), piece.name())) : piece.content()))
                        .bind("expiresAt", piece.expiresAt() == null ? null : piece.expiresAt().toEpochMilli()).execute();
            }
            h.createUpdate("DELETE FROM enrolment_attempts WHERE lock_id = :lockId").bind("lockId", lock.id()).execute();
            LockService.markEnrolled(h, lock.id(), result.vendorReference());
            audit.record(h, accountId, actor, AuditAction.UPDATED, "Lock " + lock.name(), note);
        });
        keys.get().reconcileLockQuietly(accountId, lock.id());
        return find(accountId, lock.id()).orElseThrow();
    }

    /**
     * The last enrolment attempt of a lock that did not enrol it: the driver's refusal (e.g. "already registered
     * at the vendor — import its key certificate") or why the driver could not be asked. A later successful
     * enrolment clears it.
     */
    public record Attempt(Instant attemptedAt, String attemptedBy, Outcome outcome, String message) {
        public enum Outcome {
            /** The driver refused the inputs (permanent for them): the message says what to do instead. */
            REFUSED,
            /** The driver could not be asked or did not answer in time. */
            FAILED
        }
    }

    /** The lock's last unsuccessful enrolment attempt, if the last attempt was one. */
    public Optional<Attempt> lastFailedAttempt(SignedInUser who, String lockId) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM enrolment_attempts WHERE lock_id = :lockId "
                        + "AND account_id = :accountId").bind("lockId", lockId).bind("accountId", who.accountId())
                .map((rs, ctx) -> new Attempt(Instant.ofEpochMilli(rs.getLong("attempted_at")), rs.getString("attempted_by"),
                        Attempt.Outcome.valueOf(rs.getString("outcome")), rs.getString("message")))
                .findOne());
    }

    /** Which of the given locks have a failed last enrolment attempt. */
    public java.util.Set<String> withFailedAttempt(SignedInUser who, java.util.Collection<String> lockIds) {
        authorization.require(who, Role.VIEWER);
        if (lockIds.isEmpty()) {
            return java.util.Set.of();
        }
        return database.jdbi().withHandle(h -> h.createQuery("SELECT lock_id FROM enrolment_attempts WHERE account_id = :accountId "
                        + "AND lock_id IN (<ids>)").bind("accountId", who.accountId()).bindList("ids", List.copyOf(lockIds))
                .mapTo(String.class).set());
    }

    private void recordAttempt(String accountId, Lock lock, String by, Attempt.Outcome outcome, String message) {
        String text = message == null || message.isBlank() ? "The driver gave no reason" : message;
        database.jdbi().useHandle(h -> h.createUpdate("INSERT INTO enrolment_attempts (lock_id, account_id, connection_id, "
                        + "attempted_at, attempted_by, outcome, message) VALUES (:lockId, :accountId, :connectionId, :now, :by, "
                        + ":outcome, :message) ON CONFLICT (lock_id) DO UPDATE SET connection_id = excluded.connection_id, "
                        + "attempted_at = excluded.attempted_at, attempted_by = excluded.attempted_by, outcome = excluded.outcome, "
                        + "message = excluded.message")
                .bind("lockId", lock.id()).bind("accountId", accountId).bind("connectionId", lock.connectionId())
                .bind("now", clock.millis()).bind("by", by).bind("outcome", outcome.name())
                .bind("message", text.length() > 4000 ? text.substring(0, 3997) + "…" : text).execute());
    }

    /** The content of one piece of the lock's enrolment material, secrets unsealed, for the drivers layer. */
    public Optional<byte[]> materialContent(String accountId, String lockId, String name) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT visibility, content FROM enrolment_material "
                        + "WHERE lock_id = :lockId AND account_id = :accountId AND name = :name")
                .bind("lockId", lockId).bind("accountId", accountId).bind("name", name)
                .map((rs, ctx) -> {
                    byte[] stored = Base64.getDecoder().decode(rs.getString("content"));
                    return "SECRET".equals(rs.getString("visibility")) ? box.open(stored, purpose(lockId, name)) : stored;
                }).findOne());
    }

    /** The account's lock, if a driver can enrol it at all (it has a connection and is in service). */
    Lock enrollable(String accountId, String lockId) {
        Lock lock = database.jdbi().withHandle(h -> LockService.find(h, accountId, lockId));
        if (lock.connectionId() == null) {
            throw new ConflictException("lock", "The lock belongs to no connection: choose its connection first");
        }
        if (lock.state() == LockState.DECOMMISSIONED) {
            throw new ConflictException("lock", "A decommissioned lock cannot be enrolled");
        }
        return lock;
    }

    /** The inputs the driver declared, each required one present; others are not passed on. */
    private static Map<String, String> checked(List<ConfigProperty> declared, Map<String, String> given) {
        ValidationException.Collector problems = new ValidationException.Collector();
        Map<String, String> clean = new LinkedHashMap<>();
        for (ConfigProperty input : declared) {
            String value = given.get(input.key());
            value = value == null ? null : value.strip();
            if (value == null || value.isEmpty()) {
                if (input.required()) {
                    problems.add(input.key(), "Enter " + input.label());
                }
                continue;
            }
            if (value.length() > 8000) {
                problems.add(input.key(), input.label() + " is too long");
                continue;
            }
            clean.put(input.key(), value);
        }
        problems.throwIfAny();
        return clean;
    }

    /** A PUBLIC text material (the trust service's identity keys), or null when the driver gave none. */
    private static String text(EnrolmentResult result, String name) {
        return result.material().stream()
                .filter(m -> m.name().equals(name) && m.visibility() == Material.Visibility.PUBLIC)
                .map(m -> new String(m.content(), StandardCharsets.US_ASCII)).findFirst().orElse(null);
    }

    private static List<MaterialInfo> describe(EnrolmentResult result) {
        return result.material().stream()
                .map(m -> new MaterialInfo(m.name(), m.visibility(), m.mediaType(), m.expiresAt())).toList();
    }

    private static String purpose(String lockId, String name) {
        return "lock:" + lockId + ":enrolment:" + name;
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
        return SpiValues.lockRef(lock);
    }

    private static String json(List<MaterialInfo> material) {
        try {
            return JSON.writeValueAsString(material);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The descriptions stored with the enrolment; enrolments of SPI 1.x kept a name → text map. */
    private static List<MaterialInfo> material(String json) {
        try {
            var tree = JSON.readTree(json);
            if (tree.isObject()) {
                List<MaterialInfo> old = new ArrayList<>();
                tree.fieldNames().forEachRemaining(name -> old.add(new MaterialInfo(name, Material.Visibility.PUBLIC,
                        "text/plain", null)));
                return old;
            }
            return JSON.readerForListOf(MaterialInfo.class).readValue(tree);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Unreadable enrolment material", e);
        }
    }
}
