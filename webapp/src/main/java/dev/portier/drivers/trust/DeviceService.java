package dev.portier.drivers.trust;

import static dev.portier.platform.db.EpochColumns.instant;

import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.audit.Actor;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.identity.accounts.Audited;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.Ids;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.TextRules;
import dev.portier.platform.validation.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * People's phones: one-time enrolment codes issued by a manager, registration by the phone with its
 * public keys (Ed25519 to sign, X25519 to receive keys), device tokens, blocking. A blocked device's
 * keys are revoked at once.
 */
@Singleton
public final class DeviceService {

    static final Duration CODE_LIFETIME = Duration.ofHours(24);

    private static final RowMapper<Device> MAPPER = (rs, ctx) -> new Device(rs.getString("id"), rs.getString("account_id"),
            rs.getString("person_id"), rs.getString("name"), rs.getString("signing_key"), rs.getString("encryption_key"),
            Device.DeviceState.valueOf(rs.getString("state")), instant(rs, "created_at"),
            instant(rs, "last_seen_at"), instant(rs, "blocked_at"), rs.getString("blocked_by"));

    private final Database database;
    private final Authorization authorization;
    private final AuditLog audit;
    private final Clock clock;
    private final Provider<KeyIssuer> keys;

    @Inject
    DeviceService(Database database, Authorization authorization, AuditLog audit, Clock clock, Provider<KeyIssuer> keys) {
        this.database = database;
        this.authorization = authorization;
        this.audit = audit;
        this.clock = clock;
        this.keys = keys;
    }

    /** A code shown once, valid for 24 hours, with which one phone of the person registers. */
    public record EnrolmentCode(String code, String personId, Instant expiresAt) {
    }

    /** What a phone gets when it registers: its id and its token (shown once). */
    public record Registration(String deviceId, String deviceToken, String personId) {
    }

    public EnrolmentCode newEnrolmentCode(SignedInUser who, String personId) {
        authorization.require(who, Role.MANAGER);
        String code = DeviceSecrets.newCode();
        Instant now = clock.instant();
        Instant expires = now.plus(CODE_LIFETIME);
        database.jdbi().useTransaction(h -> {
            Person person = PersonService.find(h, who.accountId(), personId);
            h.createUpdate("INSERT INTO device_enrolment_codes (code_hash, account_id, person_id, created_at, created_by, expires_at) "
                            + "VALUES (:hash, :accountId, :personId, :now, :by, :expires)")
                    .bind("hash", DeviceSecrets.hash(DeviceSecrets.normaliseCode(code))).bind("accountId", who.accountId())
                    .bind("personId", person.id()).bind("now", now).bind("by", who.email()).bind("expires", expires).execute();
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.CREATED, "Device enrolment code for " + person.name(), null);
        });
        return new EnrolmentCode(code, personId, expires);
    }

    /**
     * Registers a phone. Retrying with the same code and the same keys answers the same device with a
     * fresh token (the phone may have lost the first answer); the same code with other keys is refused.
     */
    public Registration register(String code, String name, String signingKey, String encryptionKey) {
        ValidationException.Collector problems = new ValidationException.Collector();
        problems.check("name", TextRules.validateName(name, "a device name", 100));
        byte[] signing = parseKey(problems, "signingKey", signingKey, "The signing key");
        byte[] encryption = parseKey(problems, "encryptionKey", encryptionKey, "The encryption key");
        String normalised = DeviceSecrets.normaliseCode(code);
        if (normalised.length() != 12) {
            problems.add("enrolmentCode", "The enrolment code has 12 letters and digits, e.g. KX7D-2MQP-9TRA");
        }
        problems.throwIfAny();
        String token = DeviceSecrets.newToken();
        Instant now = clock.instant();
        Registration registration = database.jdbi().inTransaction(h -> {
            var row = h.createQuery("SELECT * FROM device_enrolment_codes WHERE code_hash = :hash")
                    .bind("hash", DeviceSecrets.hash(normalised)).mapToMap().findOne()
                    .orElseThrow(() -> ValidationException.of("enrolmentCode", "The enrolment code is unknown"));
            String accountId = (String) row.get("account_id");
            String personId = (String) row.get("person_id");
            String deviceId = (String) row.get("device_id");
            if (deviceId != null) {
                Device device = find(h, accountId, deviceId);
                if (!Arrays.equals(Base64Url.decode(device.signingKey(), "key"), signing)
                        || !Arrays.equals(Base64Url.decode(device.encryptionKey(), "key"), encryption)) {
                    throw new ConflictException("enrolmentCode", "The enrolment code has been used by another phone");
                }
                h.createUpdate("UPDATE devices SET token_hash = :hash WHERE id = :id")
                        .bind("hash", DeviceSecrets.hash(token)).bind("id", deviceId).execute();
                return new Registration(deviceId, token, personId);
            }
            if (!now.isBefore(Instant.ofEpochMilli(((Number) row.get("expires_at")).longValue()))) {
                throw ValidationException.of("enrolmentCode", "The enrolment code has expired: ask for a new one");
            }
            String id = Ids.newId();
            h.createUpdate("INSERT INTO devices (id, account_id, person_id, name, signing_key, encryption_key, token_hash, state, "
                            + "created_at) VALUES (:id, :accountId, :personId, :name, :signing, :encryption, :hash, 'ACTIVE', :now)")
                    .bind("id", id).bind("accountId", accountId).bind("personId", personId).bind("name", name.strip())
                    .bind("signing", Base64Url.encode(signing)).bind("encryption", Base64Url.encode(encryption))
                    .bind("hash", DeviceSecrets.hash(token)).bind("now", now).execute();
            h.createUpdate("UPDATE device_enrolment_codes SET device_id = :id WHERE code_hash = :hash")
                    .bind("id", id).bind("hash", DeviceSecrets.hash(normalised)).execute();
            audit.record(h, accountId, new Actor(null, "Phone " + name.strip()), AuditAction.CREATED, "Device " + name.strip(), null);
            return new Registration(id, token, personId);
        });
        keys.get().reconcilePersonQuietly(findAccount(registration.deviceId()), registration.personId());
        return registration;
    }

    /** The active device a token names; blocked devices and unknown tokens are empty. */
    public Optional<DeviceCaller> authenticate(String token) {
        if (token == null || !token.startsWith(DeviceSecrets.TOKEN_PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return database.jdbi().withHandle(h -> {
            Optional<Device> device = h.createQuery("SELECT * FROM devices WHERE token_hash = :hash AND state = 'ACTIVE'")
                    .bind("hash", DeviceSecrets.hash(token)).map(MAPPER).findOne();
            device.filter(d -> d.lastSeenAt() == null || d.lastSeenAt().isBefore(now.minusSeconds(60))).ifPresent(d ->
                    h.createUpdate("UPDATE devices SET last_seen_at = :now WHERE id = :id").bind("now", now).bind("id", d.id()).execute());
            return device.map(d -> new DeviceCaller(d.id(), d.accountId(), d.personId()));
        });
    }

    public List<Device> list(SignedInUser who, String personId) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> {
            PersonService.find(h, who.accountId(), personId);
            return h.createQuery("SELECT * FROM devices WHERE account_id = :accountId AND person_id = :personId "
                            + "ORDER BY created_at DESC, id").bind("accountId", who.accountId()).bind("personId", personId)
                    .map(MAPPER).list();
        });
    }

    public Device get(SignedInUser who, String deviceId) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> find(h, who.accountId(), deviceId));
    }

    /** Blocks a device for good: it gets no keys any more, and the keys it holds are revoked at once. */
    public Device block(SignedInUser who, String deviceId) {
        authorization.require(who, Role.MANAGER);
        Device blocked = database.jdbi().inTransaction(h -> {
            Device device = find(h, who.accountId(), deviceId);
            if (device.state() == Device.DeviceState.BLOCKED) {
                return device;
            }
            h.createUpdate("UPDATE devices SET state = 'BLOCKED', blocked_at = :now, blocked_by = :by WHERE id = :id")
                    .bind("now", clock.instant()).bind("by", who.email()).bind("id", deviceId).execute();
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.REVOKED, "Device " + device.name(), "Blocked");
            return find(h, who.accountId(), deviceId);
        });
        keys.get().reconcilePersonQuietly(who.accountId(), blocked.personId());
        return blocked;
    }

    static Device find(Handle h, String accountId, String deviceId) {
        return h.createQuery("SELECT * FROM devices WHERE id = :id AND account_id = :accountId")
                .bind("id", deviceId).bind("accountId", accountId).map(MAPPER).findOne()
                .orElseThrow(() -> new NotFoundException("device"));
    }

    private String findAccount(String deviceId) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT account_id FROM devices WHERE id = :id")
                .bind("id", deviceId).mapTo(String.class).one());
    }

    private static byte[] parseKey(ValidationException.Collector problems, String field, String text, String what) {
        try {
            return Base64Url.publicKey(text, what);
        } catch (IllegalArgumentException e) {
            problems.add(field, e.getMessage());
            return null;
        }
    }

}
