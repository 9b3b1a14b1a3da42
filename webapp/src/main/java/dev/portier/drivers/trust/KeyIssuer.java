package dev.portier.drivers.trust;

import static dev.portier.platform.db.EpochColumns.instant;

import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import dev.portier.drivers.connections.ConnectionRuntime;
import dev.portier.drivers.plugins.SpiValues;
import dev.portier.platform.crypto.Sha256;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.Ids;
import dev.portier.plugin.api.HolderKind;
import dev.portier.plugin.api.KeyHolder;
import dev.portier.plugin.api.KeyIssuing;
import dev.portier.plugin.api.KeyIssuing.IssuedKey;
import dev.portier.plugin.api.KeyIssuing.KeyRequest;
import dev.portier.plugin.api.LockRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import dev.portier.platform.webhooks.WebhookEventType;
import dev.portier.platform.webhooks.WebhookEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every device's keys in step with the grants: for each active PRE_ISSUED grant of a person ×
 * each of the person's active devices × each enrolled lock the grant covers, one valid key. Card keys
 * follow the same passes ({@link CardKeyIssuer}); the rules both share are {@link KeyPlan}'s. Issues
 * missing keys, renews keys near their end while the grant lasts, re-issues when the grant changes
 * (revoking the old key, which may allow more), and revokes keys nothing calls for any more (grant
 * revoked, device blocked, lock no longer covered). Revocations go onto the locks' lists at once.
 *
 * <p>Driver calls happen outside database transactions; the bookkeeping of one pass is one transaction.
 * Passes of one account are serialised ({@link AccountLocks}).
 */
@Singleton
public final class KeyIssuer {

    private static final Logger log = LoggerFactory.getLogger(KeyIssuer.class);

    private static final String WANTED = "SELECT g.id AS grant_id, g.delivery, g.valid_from, g.valid_until, g.schedule, g.permissions, "
            + "d.id AS device_id, d.signing_key, d.encryption_key, l.id AS lock_id, l.name AS lock_name, "
            + "l.vendor_reference, l.site_id AS lock_site_id, s.time_zone, le.connection_id FROM grants g "
            + "JOIN devices d ON d.person_id = g.person_id AND d.state = 'ACTIVE' "
            + "JOIN locks l ON %s JOIN lock_enrolments le ON le.lock_id = l.id AND le.connection_id = l.connection_id "
            + "JOIN sites s ON s.id = l.site_id WHERE g.account_id = :accountId AND g.state = 'ACTIVE' AND l.state = 'ACTIVE' "
            + "AND (g.valid_until IS NULL OR g.valid_until > :now) ";

    /** See {@link KeyPlan#CLOCK_SKEW}. */
    static final Duration CLOCK_SKEW = KeyPlan.CLOCK_SKEW;

    private final Database database;
    private final ConnectionRuntime runtime;
    private final Clock clock;
    private final WebhookEvents webhooks;
    private final TrustSettings settings;
    private final AccountLocks locks;
    private final Provider<RevocationLists> lists;
    private final KeyWithdrawals withdrawals;
    private final CardKeyIssuer cardKeys;
    private final dev.portier.platform.metrics.Metrics metrics;
    private final dev.portier.platform.db.GroupCommit<Issued> onDemand =
            new dev.portier.platform.db.GroupCommit<>("on-demand-key-writer", this::storeOnDemand);

    @Inject
    KeyIssuer(Database database, ConnectionRuntime runtime, Clock clock, TrustSettings settings, AccountLocks locks, WebhookEvents webhooks,
            Provider<RevocationLists> lists, KeyWithdrawals withdrawals, CardKeyIssuer cardKeys, dev.portier.platform.metrics.Metrics metrics) {
        this.metrics = metrics;
        this.webhooks = webhooks;
        this.database = database;
        this.runtime = runtime;
        this.clock = clock;
        this.settings = settings;
        this.locks = locks;
        this.lists = lists;
        this.withdrawals = withdrawals;
        this.cardKeys = cardKeys;
    }

    /**
     * Which keys a pass looks at: the filters apply to grants {@code g} and locks {@code l} and to keys
     * {@code k}, of the holder kinds in {@code holders}.
     */
    public record Scope(String grantFilter, String keyFilter, String value, Set<HolderKind> holders) {
        public Scope {
            holders = Set.copyOf(holders);
        }

        public static Scope person(String personId) {
            return new Scope("g.person_id = :scope", "k.device_id IN (SELECT id FROM devices WHERE person_id = :scope)", personId,
                    EnumSet.of(HolderKind.DEVICE));
        }

        public static Scope card(String cardId) {
            return new Scope("g.card_id = :scope", "k.card_id = :scope", cardId, EnumSet.of(HolderKind.CARD));
        }

        public static Scope grant(String grantId) {
            return new Scope("g.id = :scope", "k.grant_id = :scope", grantId, EnumSet.allOf(HolderKind.class));
        }

        public static Scope lock(String lockId) {
            return new Scope("l.id = :scope", "k.lock_id = :scope", lockId, EnumSet.allOf(HolderKind.class));
        }

        public static Scope account() {
            return new Scope(null, null, null, EnumSet.allOf(HolderKind.class));
        }
    }

    /** What a pass did. */
    public record Pass(int issued, int renewed, int revoked, int expired, List<String> failures) {

        static final Pass NONE = new Pass(0, 0, 0, 0, List.of());

        Pass plus(Pass other) {
            List<String> all = new ArrayList<>(failures);
            all.addAll(other.failures());
            return new Pass(issued + other.issued(), renewed + other.renewed(), revoked + other.revoked(),
                    expired + other.expired(), List.copyOf(all));
        }
    }

    /** One key as stored, for phones and views. */
    public record StoredKey(String id, String deviceId, String lockId, String grantId, String kind, Instant notBefore,
            Instant notAfter, Instant issuedAt, String sealed, String state) {
    }

    /** One (grant, device, lock) that calls for a key, with what the key must say. */
    record Wanted(String grantId, String delivery, Instant validFrom, Instant validUntil, String schedule, Set<String> permissions,
            String deviceId, byte[] signingKey, byte[] encryptionKey, LockRef lock, String connectionId,
            dev.portier.domain.holidays.SiteHolidays holidays) implements KeyPlan.Wish {

        @Override
        public String slot() {
            return grantId + "|" + deviceId + "|" + lock.lockId();
        }

        @Override
        public String fingerprint() {
            return Sha256.hex(validFrom + "|" + validUntil + "|" + schedule + "|" + new TreeSet<>(permissions) + "|"
                    + Base64Url.encode(signingKey) + "|" + lock.timeZone() + KeyHolidays.fingerprintPart(holidays));
        }
    }

    private record NewKey(String id, String accountId, Wanted wanted, String kind, Instant notBefore, Instant notAfter,
            Instant issuedAt, String sealed, String replaces) {
    }

    public void reconcilePersonQuietly(String accountId, String personId) {
        quietly(accountId, Scope.person(personId));
    }

    public void reconcileGrantQuietly(String accountId, String grantId) {
        quietly(accountId, Scope.grant(grantId));
    }

    public void reconcileLockQuietly(String accountId, String lockId) {
        quietly(accountId, Scope.lock(lockId));
    }

    public void reconcileAccountQuietly(String accountId) {
        quietly(accountId, Scope.account());
    }

    public void reconcileCardQuietly(String accountId, String cardId) {
        quietly(accountId, Scope.card(cardId));
    }

    /**
     * Accounts whose last reconcile left work undone (a driver failed): the next maintenance pass
     * reconciles them again, whatever time did.
     */
    private final java.util.Set<String> unfinished = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Takes the accounts left unfinished since the last call. */
    java.util.Set<String> takeUnfinished() {
        java.util.Set<String> taken = new java.util.HashSet<>(unfinished);
        unfinished.removeAll(taken);
        return taken;
    }

    /** Marks the account for the next maintenance pass. */
    void unfinished(String accountId) {
        unfinished.add(accountId);
    }

    private void quietly(String accountId, Scope scope) {
        try {
            Pass pass = reconcile(accountId, scope);
            if (!pass.failures().isEmpty()) {
                unfinished.add(accountId);
                log.warn("Key issuing in account {} left {} key(s) for later: {}", accountId, pass.failures().size(),
                        pass.failures().getFirst());
            }
        } catch (RuntimeException e) {
            unfinished.add(accountId);
            log.warn("Key issuing in account {} failed; the next pass tries again", accountId, e);
        }
    }

    /** One pass over {@code scope}: issue, renew, re-issue and revoke as the grants say, then publish lists. */
    public Pass reconcile(String accountId, Scope scope) {
        Pass pass = locks.with(accountId, () -> {
            Pass devices = scope.holders().contains(HolderKind.DEVICE) ? reconcileDevices(accountId, scope) : Pass.NONE;
            return scope.holders().contains(HolderKind.CARD) ? devices.plus(cardKeys.reconcile(accountId, scope)) : devices;
        });
        lists.get().publishStale(accountId);
        return pass;
    }

    private Pass reconcileDevices(String accountId, Scope scope) {
        Instant now = clock.instant();
        Map<String, Wanted> wanted = wanted(accountId, scope, now);
        KeyPlan plan = KeyPlan.of(existing(accountId, scope, now), wanted, now, settings.renewBefore());
        List<String> failures = new ArrayList<>();
        List<NewKey> issued = new ArrayList<>();
        for (KeyPlan.Due<Wanted> due : plan.due(wanted.values(), now, settings.keyLifetime())) {
            try {
                issued.add(issue(accountId, due.wish(), "PRE_ISSUED", due.notBefore(), due.notAfter(), due.issuedAt(), due.replaces()));
            } catch (RuntimeException e) {
                failures.add(due.wish().lock().name() + ": " + e.getMessage());
            }
        }
        store(accountId, issued, plan.revoke(), plan.expired(), now);
        int renewed = (int) issued.stream().filter(k -> k.replaces() != null).count();
        return new Pass(issued.size() - renewed, renewed, plan.revoke().size(), plan.expired().size(), failures);
    }

    /**
     * Issues one key outside the reconciling passes (an on-demand key, or a copy re-issued after a
     * watermark moved) for a (grant, device, lock) that the grants allow now. The caller has decided
     * that the key is due (see {@link MobileService#onDemandKey}); this only issues, seals and stores it.
     */
    public StoredKey issueNow(String accountId, String grantId, String deviceId, String lockId, String kind, Instant notBefore,
            Instant notAfter, String replaces) {
        return locks.shared(accountId, () -> {
            Instant now = clock.instant();
            Wanted want = database.jdbi().withHandle(h -> query(h, accountId, "g.id = :grantId AND d.id = :deviceId AND l.id = :lockId",
                    Map.of("grantId", grantId, "deviceId", deviceId, "lockId", lockId), now)).values().stream().findFirst()
                    .orElseThrow(() -> new IllegalStateException("No key can be issued: the grant, device or lock is no longer active"));
            NewKey key = issue(accountId, want, kind, notBefore, notAfter, now.truncatedTo(ChronoUnit.MILLIS), replaces);
            // Durable before it is handed out; concurrent on-demand keys share the commit.
            onDemand.submit(new Issued(accountId, key, now));
            return new StoredKey(key.id(), deviceId, lockId, grantId, kind, notBefore, notAfter, key.issuedAt(), key.sealed(), "ACTIVE");
        });
    }

    private NewKey issue(String accountId, Wanted want, String kind, Instant notBefore, Instant notAfter, Instant issuedAt,
            String replaces) {
        String keyId = Ids.newId();
        Instant nbf = notBefore.truncatedTo(ChronoUnit.SECONDS);
        Instant naf = notAfter.truncatedTo(ChronoUnit.SECONDS);
        KeyRequest request = new KeyRequest(keyId, want.lock(), new KeyHolder.Device(want.deviceId(), want.signingKey()),
                nbf, naf, SpiValues.schedule(want.schedule(), want.lock().timeZone(), nbf, naf, want.grantId(),
                        issuedAt, want.holidays()), SpiValues.permissions(want.permissions()), issuedAt);
        IssuedKey key = DriverOutcomes.valueOf(runtime.callCapability(want.connectionId(), KeyIssuing.class, "issue key",
                driver -> driver.issue(request)), "key");
        if (key == null || key.credential() == null || !keyId.equals(key.keyId())) {
            throw new IllegalStateException("The driver answered no key for " + keyId);
        }
        String sealed = Base64Url.encode(KeySealing.seal(want.encryptionKey(), keyId, key.credential()));
        io.micrometer.core.instrument.Counter.builder("portier.keys.issued").description("Mobile keys a driver issued, by kind")
                .tag("kind", kind).register(metrics.registry()).increment();
        return new NewKey(keyId, accountId, want, kind, nbf, naf, issuedAt, sealed, replaces);
    }

    private void store(String accountId, List<NewKey> issued, List<KeyPlan.Held> revoke, List<String> expired, Instant now) {
        if (issued.isEmpty() && revoke.isEmpty() && expired.isEmpty()) {
            return;
        }
        database.jdbi().useTransaction(h -> {
            for (NewKey key : issued) {
                insert(h, accountId, key, now);
            }
            for (KeyPlan.Held key : revoke) {
                webhooks.publish(h, accountId, WebhookEventType.KEY_REVOKED, "key:" + key.id(),
                        Map.of("keyId", key.id(), "lockId", key.lockId(), "kind", key.kind() == null ? "CARD" : key.kind(),
                                "reason", "No longer granted as it was"));
            }
            KeyPlan.endExpiredAndRevoked(h, accountId, expired, revoke, (id, state, reason) -> end(h, id, state, reason, now));
        });
        withdrawals.withdraw(accountId, revoke);
    }

    /** A batch of on-demand keys of concurrent requests, in one transaction. */
    private void storeOnDemand(List<Issued> batch) {
        database.jdbi().useTransaction(h -> {
            for (Issued issued : batch) {
                insert(h, issued.accountId(), issued.key(), issued.now());
            }
        });
    }

    private record Issued(String accountId, NewKey key, Instant now) {
    }

    /** Stores a new key and tells the account's webhooks ({@code key.issued}), in the transaction of {@code h}. */
    private void insert(Handle h, String accountId, NewKey key, Instant now) {
        h.createUpdate("INSERT INTO device_keys (id, account_id, device_id, lock_id, grant_id, kind, fingerprint, not_before, "
                        + "not_after, issued_at, sealed, state) VALUES (:id, :accountId, :deviceId, :lockId, :grantId, :kind, "
                        + ":fingerprint, :nbf, :naf, :iat, :sealed, 'ACTIVE')")
                .bind("id", key.id()).bind("accountId", accountId).bind("deviceId", key.wanted().deviceId())
                .bind("lockId", key.wanted().lock().lockId()).bind("grantId", key.wanted().grantId())
                .bind("kind", key.kind()).bind("fingerprint", key.wanted().fingerprint())
                .bind("nbf", key.notBefore()).bind("naf", key.notAfter()).bind("iat", key.issuedAt())
                .bind("sealed", key.sealed()).execute();
        if (key.replaces() != null) {
            end(h, key.replaces(), "SUPERSEDED", "Renewed", now);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("keyId", key.id());
        data.put("deviceId", key.wanted().deviceId());
        data.put("lockId", key.wanted().lock().lockId());
        data.put("grantId", key.wanted().grantId());
        data.put("kind", key.kind());
        data.put("notBefore", key.notBefore().toString());
        data.put("notAfter", key.notAfter().toString());
        webhooks.publish(h, accountId, WebhookEventType.KEY_ISSUED, "key:" + key.id(), data);
    }

    private static void end(Handle h, String keyId, String state, String reason, Instant now) {
        h.createUpdate("UPDATE device_keys SET state = :state, ended_at = :now, end_reason = :reason WHERE id = :id")
                .bind("state", state).bind("now", now).bind("reason", reason).bind("id", keyId).execute();
    }

    private Map<String, Wanted> wanted(String accountId, Scope scope, Instant now) {
        String filter = scope.grantFilter() == null ? "1 = 1" : scope.grantFilter();
        Map<String, Object> binds = scope.value() == null ? Map.of() : Map.of("scope", scope.value());
        return database.jdbi().withHandle(h -> query(h, accountId, filter, binds, now));
    }

    private static Map<String, Wanted> query(Handle h, String accountId, String filter, Map<String, ?> binds, Instant now) {
        Map<String, Wanted> wanted = new LinkedHashMap<>();
        KeyHolidays holidays = new KeyHolidays(h, accountId);
        for (String join : List.of("l.id = g.lock_id", "l.site_id = g.site_id")) {
            var query = h.createQuery(WANTED.formatted(join) + "AND " + filter).bind("accountId", accountId).bind("now", now);
            binds.forEach(query::bind);
            query.map((rs, ctx) -> new Wanted(rs.getString("grant_id"), rs.getString("delivery"),
                            instant(rs, "valid_from"), instant(rs, "valid_until"), rs.getString("schedule"),
                            new LinkedHashSet<>(Arrays.stream(rs.getString("permissions").split(",")).filter(p -> !p.isBlank()).toList()),
                            rs.getString("device_id"), Base64Url.decode(rs.getString("signing_key"), "key"),
                            Base64Url.decode(rs.getString("encryption_key"), "key"),
                            new LockRef(rs.getString("lock_id"), rs.getString("vendor_reference"), rs.getString("lock_name"),
                                    rs.getString("time_zone")), rs.getString("connection_id"),
                            holidays.of(rs.getString("lock_site_id"), rs.getString("schedule"))))
                    .forEach(w -> wanted.putIfAbsent(w.slot(), w));
        }
        return wanted;
    }

    private List<KeyPlan.Held> existing(String accountId, Scope scope, Instant now) {
        String filter = scope.keyFilter() == null ? "" : " AND " + scope.keyFilter();
        return database.jdbi().withHandle(h -> {
            var query = h.createQuery("SELECT * FROM device_keys k WHERE k.account_id = :accountId AND (k.state = 'ACTIVE' "
                    + "OR (k.state = 'SUPERSEDED' AND k.not_after > :now))" + filter + " ORDER BY k.issued_at DESC")
                    .bind("accountId", accountId).bind("now", now);
            if (scope.value() != null) {
                query.bind("scope", scope.value());
            }
            return query.map((rs, ctx) -> new KeyPlan.Held(rs.getString("id"),
                    rs.getString("grant_id") + "|" + rs.getString("device_id") + "|" + rs.getString("lock_id"), rs.getString("lock_id"),
                    rs.getString("kind"), rs.getString("state"), rs.getString("fingerprint"),
                    Instant.ofEpochMilli(rs.getLong("not_after")))).list();
        });
    }
}
