package dev.portier.drivers.trust;

import static dev.portier.platform.db.EpochColumns.instant;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.access.AccessDecisions;
import dev.portier.access.Decision;
import dev.portier.access.DenialReason;
import dev.portier.access.GrantVerdict;
import dev.portier.access.Subject;
import dev.portier.platform.db.Database;
import dev.portier.domain.events.EventLog;
import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.drivers.connections.PhoneMaterials;
import dev.portier.identity.accounts.ForbiddenException;
import dev.portier.platform.audit.Actor;
import dev.portier.platform.validation.ConflictException;
import dev.portier.plugin.api.ConfigProperty;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import dev.portier.drivers.ondemand.ExternalDecisions;
import dev.portier.drivers.ondemand.Verdict;
import dev.portier.plugin.api.LockEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What phones do through the mobile API, for the device behind the request: fetch their keys (sealed
 * to them) and the keys to delete, the revocation lists of the locks they may meet, report the list
 * version a lock holds, and ask for an on-demand key. Every call is scoped to the device's account.
 */
@Singleton
public final class MobileService {

    /** Asking again within this time answers the key already issued (the phone may have lost the answer). */
    static final Duration ON_DEMAND_RETRY_WINDOW = Duration.ofMinutes(1);

    private final Database database;
    private final KeyIssuer keys;
    private final RevocationLists lists;
    private final AccessDecisions decisions;
    private final ExternalDecisions external;
    private final EventLog events;
    private final LockEnrolments enrolments;
    private final PhoneMaterials materials;
    private final MaterialDeliveries deliveries;
    private final Clock clock;

    @Inject
    MobileService(Database database, KeyIssuer keys, RevocationLists lists, AccessDecisions decisions, ExternalDecisions external,
            EventLog events, LockEnrolments enrolments, PhoneMaterials materials, MaterialDeliveries deliveries, Clock clock) {
        this.materials = materials;
        this.deliveries = deliveries;
        this.database = database;
        this.keys = keys;
        this.lists = lists;
        this.decisions = decisions;
        this.external = external;
        this.events = events;
        this.enrolments = enrolments;
        this.clock = clock;
    }

    public record MobileKey(String keyId, String lockId, Instant notBefore, Instant notAfter, Instant issuedAt, String sealed) {
    }

    public record MobileLock(String lockId, String name, String publicKey, String issuerKey) {
    }

    public record KeySync(List<MobileKey> keys, List<String> deletions, List<MobileLock> locks, Instant serverTime) {
    }

    public record MobileList(String lockId, long version, String list) {
    }

    /** Material a driver published for phones: for one lock, or for its whole connection ({@code lockId} null). */
    public record MobileMaterial(String connectionId, String lockId, String name, String mediaType, Instant expiresAt,
            Instant publishedAt, String content) {
    }

    /** An on-demand key was not issued; the reasons say why (codes of {@link DenialReason} or of this service). */
    public static final class OnDemandRefused extends RuntimeException {
        private final List<String> reasons;

        OnDemandRefused(String message, List<String> reasons) {
            super(message);
            this.reasons = List.copyOf(reasons);
        }

        public List<String> reasons() {
            return reasons;
        }
    }

    /** The device's keys after bringing them up to date with the grants. */
    public KeySync keys(DeviceCaller caller) {
        keys.reconcilePersonQuietly(caller.accountId(), caller.personId());
        Instant now = clock.instant();
        return database.jdbi().withHandle(h -> {
            List<MobileKey> current = new ArrayList<>();
            List<String> deletions = new ArrayList<>();
            h.createQuery("SELECT * FROM device_keys WHERE device_id = :deviceId AND account_id = :accountId AND not_after > :now "
                            + "ORDER BY lock_id, issued_at").bind("deviceId", caller.deviceId()).bind("accountId", caller.accountId())
                    .bind("now", now).map((rs, ctx) -> Map.entry(rs.getString("state"), key(rs))).forEach(row -> {
                        if ("ACTIVE".equals(row.getKey())) {
                            current.add(row.getValue());
                        } else {
                            deletions.add(row.getValue().keyId());
                        }
                    });
            List<MobileLock> locks = h.createQuery("SELECT le.lock_id, l.name, le.public_key, le.issuer_key FROM lock_enrolments le "
                            + "JOIN locks l ON l.id = le.lock_id WHERE le.account_id = :accountId AND (le.lock_id IN "
                            + "(SELECT lock_id FROM device_keys WHERE device_id = :deviceId AND state = 'ACTIVE' AND not_after > :now) "
                            + "OR EXISTS (SELECT 1 FROM grants g WHERE g.person_id = :personId AND g.state = 'ACTIVE' "
                            + "AND (g.valid_until IS NULL OR g.valid_until > :now) AND (g.lock_id = l.id OR g.site_id = l.site_id))) "
                            + "ORDER BY l.name, le.lock_id")
                    .bind("accountId", caller.accountId()).bind("deviceId", caller.deviceId()).bind("now", now)
                    .bind("personId", caller.personId())
                    .map((rs, ctx) -> new MobileLock(rs.getString("lock_id"), rs.getString("name"), rs.getString("public_key"),
                            rs.getString("issuer_key"))).list();
            return new KeySync(current, deletions, locks, now);
        });
    }

    /**
     * What drivers published for this phone now: the material of each lock its person holds a grant in
     * force for (on the lock or its site; schedules aside, so a phone has it before a window opens), and the
     * connection-wide material of those locks' connections. Decommissioned locks and expired material are
     * left out; once the grant ends or is revoked, the next fetch no longer has it.
     */
    public List<MobileMaterial> material(DeviceCaller caller) {
        Instant now = clock.instant();
        List<Lock> held = deliveries.held(caller.accountId(), caller.personId(), now);
        Set<String> connections = held.stream().map(Lock::connectionId).collect(Collectors.toCollection(TreeSet::new));
        List<PhoneMaterials.Published> handed = materials.forLocks(caller.accountId(), connections, held.stream().map(Lock::id).toList());
        deliveries.record(caller, handed, now);
        return handed.stream()
                .map(m -> new MobileMaterial(m.connectionId(), m.lockId(), m.name(), m.mediaType(), m.expiresAt(), m.publishedAt(),
                        Base64.getEncoder().encodeToString(m.content())))
                .toList();
    }

    /** What the lock's driver needs to enrol it, if this phone may enrol it (see {@link #enrol}). */
    public List<ConfigProperty> enrolmentInputs(DeviceCaller caller, String lockId) {
        return enrolments.inputsOf(enrollableByPhone(caller, lockId));
    }

    /**
     * Enrols a lock from the installer's phone. Deliberately narrow: only a lock still waiting for its first
     * enrolment (PENDING_ENROLMENT, never enrolled), so a phone can never replace an enrolled lock's identity,
     * and only when a grant lets the phone's person UNLOCK that lock now (the one access decision), i.e. the
     * installer was given the lock by a manager. Everything else is a manager's job in the back office.
     */
    public LockEnrolments.Enrolment enrol(DeviceCaller caller, String lockId, Map<String, String> inputs) {
        Lock lock = enrollableByPhone(caller, lockId);
        String device = database.jdbi().withHandle(h -> h.createQuery("SELECT name FROM devices WHERE id = :id")
                .bind("id", caller.deviceId()).mapTo(String.class).findOne()).orElse(caller.deviceId());
        return enrolments.enrol(caller.accountId(), lock, inputs, new Actor(null, "Phone " + device), "phone " + device,
                "Enrolled from the phone " + device);
    }

    private Lock enrollableByPhone(DeviceCaller caller, String lockId) {
        Lock lock = enrolments.enrollable(caller.accountId(), lockId);
        if (lock.state() != LockState.PENDING_ENROLMENT || enrolments.find(caller.accountId(), lockId).isPresent()) {
            throw new ConflictException("lockId", "Only a lock waiting for its first enrolment can be enrolled from a phone");
        }
        Decision decision = decisions.decide(caller.accountId(), new Subject.Person(caller.personId()), lockId, Permission.UNLOCK,
                clock.instant());
        if (!decision.allowed() || decision.allowingGrant().isEmpty()) {
            throw new ForbiddenException("This phone's person has no grant that opens the lock now, so cannot enrol it");
        }
        if (!enrolments.canEnrol(lock)) {
            throw new ConflictException("lockId", "The lock's connection cannot enrol locks");
        }
        return lock;
    }

    /** The published lists of every lock the device's person holds (or held, unexpired) keys for. */
    public List<MobileList> lists(DeviceCaller caller) {
        lists.publishStale(caller.accountId());
        return database.jdbi().withHandle(h -> h.createQuery("SELECT lock_id, version, payload FROM revocation_lists "
                        + "WHERE account_id = :accountId AND payload IS NOT NULL AND lock_id IN (SELECT k.lock_id FROM device_keys k "
                        + "JOIN devices d ON d.id = k.device_id WHERE d.person_id = :personId AND k.not_after > :now) ORDER BY lock_id")
                .bind("accountId", caller.accountId()).bind("personId", caller.personId()).bind("now", clock.instant())
                .map((rs, ctx) -> new MobileList(rs.getString("lock_id"), rs.getLong("version"), rs.getString("payload"))).list());
    }

    /** A lock's list version as the phone saw it on the lock. */
    public void reportListVersion(DeviceCaller caller, String lockId, long version) {
        requireLock(caller, lockId);
        lists.confirm(caller.accountId(), lockId, version);
    }

    /**
     * A key of an ON_DEMAND grant's duration for this device, valid from now; never beyond the grant's end or
     * the schedule window open now. {@code grantId} may name the grant; otherwise the best allowing one is used.
     */
    public MobileKey onDemandKey(DeviceCaller caller, String lockId, String grantId) {
        requireLock(caller, lockId);
        Instant now = clock.instant();
        try {
            MobileKey key = issueOnDemand(caller, lockId, grantId, now);
            record(caller, lockId, now, "ON_DEMAND_KEY_ISSUED", Map.of("keyId", key.keyId(), "notAfter", key.notAfter().toString()));
            return key;
        } catch (OnDemandRefused refused) {
            record(caller, lockId, now, "ON_DEMAND_KEY_REFUSED", Map.of("reasons", String.join(",", refused.reasons()),
                    "why", refused.getMessage().length() > 400 ? refused.getMessage().substring(0, 400) : refused.getMessage()));
            throw refused;
        }
    }

    private MobileKey issueOnDemand(DeviceCaller caller, String lockId, String grantId, Instant now) {
        Decision decision = decisions.decide(caller.accountId(), new Subject.Person(caller.personId()), lockId, Permission.UNLOCK, now);
        Optional<Grant> grant = decision.considered().stream().filter(GrantVerdict::allows).map(GrantVerdict::grant)
                .filter(g -> g.delivery() == Delivery.ON_DEMAND).filter(g -> grantId == null || g.id().equals(grantId))
                .findFirst();
        if (!decision.allowed() || grant.isEmpty()) {
            List<String> reasons = decision.allowed() ? List.of("NO_ON_DEMAND_GRANT")
                    : decision.reasons().stream().map(Enum::name).toList();
            throw new OnDemandRefused(decision.allowed() ? "No on-demand grant allows this lock now" : decision.summary(), reasons);
        }
        if (enrolments.find(caller.accountId(), lockId).isEmpty()) {
            throw new OnDemandRefused("The lock is not enrolled: it cannot check keys yet", List.of("LOCK_NOT_ENROLLED"));
        }
        Grant allowing = grant.get();
        Instant start = now.minus(KeyIssuer.CLOCK_SKEW);
        Instant end = now.plus(Duration.ofMinutes(allowing.onDemandMinutes()));
        Instant openUntil = AccessDecisions.openUntil(allowing, now, decision.zone(), decision.holidays()::isHoliday);
        if (openUntil != null && openUntil.isBefore(end)) {
            end = openUntil;
        }
        // The account's external decision endpoint, when it has one, must agree too; its window narrows ours.
        Verdict verdict = external.ask(caller.accountId(), lockId, phoneOf(caller), now);
        switch (verdict) {
            case Verdict.NotConfigured none -> {
            }
            case Verdict.Denied denied -> throw new OnDemandRefused("The decision endpoint: " + denied.reason(),
                    List.of(denied.byEndpoint() ? "EXTERNAL_DENIED" : "EXTERNAL_UNAVAILABLE"));
            case Verdict.Allowed allowed -> {
                // A window that starts now gets the same allowance for lagging lock clocks as ours.
                start = allowed.start().isAfter(now) ? allowed.start() : start;
                end = allowed.end().isBefore(end) ? allowed.end() : end;
                if (!start.isBefore(end)) {
                    throw new OnDemandRefused("The decision endpoint allowed a window outside the grant's",
                            List.of("EXTERNAL_WINDOW_OUTSIDE_GRANT"));
                }
            }
        }
        Optional<MobileKey> retried = recentOnDemandKey(caller, lockId, allowing.id(), now);
        if (retried.isPresent()) {
            return retried.get(); // a retry after a lost answer, still allowed: the same key, not a second one
        }
        KeyIssuer.StoredKey key = keys.issueNow(caller.accountId(), allowing.id(), caller.deviceId(), lockId, "ON_DEMAND",
                start, end, null);
        return new MobileKey(key.id(), lockId, key.notBefore(), key.notAfter(), key.issuedAt(), key.sealed());
    }

    /** An on-demand key this device got for the same grant and lock within the last minute and still holds. */
    private Optional<MobileKey> recentOnDemandKey(DeviceCaller caller, String lockId, String grantId, Instant now) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM device_keys WHERE device_id = :deviceId "
                        + "AND lock_id = :lockId AND grant_id = :grantId AND kind = 'ON_DEMAND' AND state = 'ACTIVE' "
                        + "AND issued_at > :since AND not_after > :now ORDER BY issued_at DESC LIMIT 1")
                .bind("deviceId", caller.deviceId()).bind("lockId", lockId).bind("grantId", grantId)
                .bind("since", now.minus(ON_DEMAND_RETRY_WINDOW)).bind("now", now)
                .map((rs, ctx) -> key(rs)).findOne());
    }

    private static MobileKey key(ResultSet rs) throws SQLException {
        return new MobileKey(rs.getString("id"), rs.getString("lock_id"), instant(rs, "not_before"),
                instant(rs, "not_after"), instant(rs, "issued_at"), rs.getString("sealed"));
    }

    /** The person's phone number (E.164), which an external decision endpoint knows them by; empty when none. */
    private String phoneOf(DeviceCaller caller) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COALESCE(phone, '') FROM people WHERE id = :id")
                .bind("id", caller.personId()).mapTo(String.class).one());
    }

    private void record(DeviceCaller caller, String lockId, Instant now, String type, Map<String, String> details) {
        Map<String, String> all = new LinkedHashMap<>(details);
        all.put("personId", caller.personId());
        all.put("deviceId", caller.deviceId());
        events.record(caller.accountId(), null, "portier", new LockEvent(lockId, null, now, type, all));
    }

    private void requireLock(DeviceCaller caller, String lockId) {
        database.jdbi().useHandle(h -> LockService.find(h, caller.accountId(), lockId));
    }


}
