package dev.portier.drivers.trust;

import static dev.portier.platform.db.EpochColumns.instant;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.drivers.connections.ConnectionRuntime;
import dev.portier.drivers.plugins.DriverCallResult;
import dev.portier.drivers.plugins.SpiValues;
import dev.portier.platform.crypto.SecretBox;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import dev.portier.platform.webhooks.WebhookEventType;
import dev.portier.platform.webhooks.WebhookEvents;

/**
 * Keeps card keys in step with the grants, as {@link KeyIssuer} does for phones: for each active
 * PRE_ISSUED grant of an active card × each enrolled lock it covers whose driver issues keys to cards
 * ({@link KeyIssuing#holders()} has {@link HolderKind#CARD}), one valid key. Same lifetime, renewal,
 * re-issue and revocation rules ({@link KeyPlan}); a card marked lost or retired calls for no key, so its
 * keys are revoked at the next pass (which the card change starts at once). The credential is sealed
 * with the master key, bound to the key id. Runs inside {@link KeyIssuer}'s passes, under the account's
 * lock; the caller publishes the lists.
 */
@Singleton
final class CardKeyIssuer {

    private static final String WANTED = "SELECT g.id AS grant_id, g.delivery, g.valid_from, g.valid_until, g.schedule, g.permissions, "
            + "c.id AS card_id, c.serial_number, l.id AS lock_id, l.name AS lock_name, l.vendor_reference, l.site_id AS lock_site_id, s.time_zone, "
            + "le.connection_id FROM grants g JOIN cards c ON c.id = g.card_id AND c.state = 'ACTIVE' "
            + "JOIN locks l ON %s JOIN lock_enrolments le ON le.lock_id = l.id AND le.connection_id = l.connection_id "
            + "JOIN sites s ON s.id = l.site_id WHERE g.account_id = :accountId AND g.state = 'ACTIVE' AND l.state = 'ACTIVE' "
            + "AND (g.valid_until IS NULL OR g.valid_until > :now) ";

    private final Database database;
    private final ConnectionRuntime runtime;
    private final Clock clock;
    private final WebhookEvents webhooks;
    private final TrustSettings settings;
    private final AccountLocks locks;
    private final SecretBox box;
    private final KeyWithdrawals withdrawals;

    @Inject
    CardKeyIssuer(Database database, ConnectionRuntime runtime, Clock clock, TrustSettings settings, AccountLocks locks, WebhookEvents webhooks, SecretBox box,
            KeyWithdrawals withdrawals) {
        this.webhooks = webhooks;
        this.database = database;
        this.runtime = runtime;
        this.clock = clock;
        this.settings = settings;
        this.locks = locks;
        this.box = box;
        this.withdrawals = withdrawals;
    }

    /** One (grant, card, lock) that calls for a key. */
    record Wanted(String grantId, String delivery, Instant validFrom, Instant validUntil, String schedule, Set<String> permissions,
            String cardId, String serial, LockRef lock, String connectionId,
            dev.portier.domain.holidays.SiteHolidays holidays) implements KeyPlan.Wish {

        @Override
        public String slot() {
            return grantId + "|" + cardId + "|" + lock.lockId();
        }

        @Override
        public String fingerprint() {
            return Sha256.hex(validFrom + "|" + validUntil + "|" + schedule + "|" + new TreeSet<>(permissions) + "|card:" + serial
                    + "|" + lock.timeZone() + KeyHolidays.fingerprintPart(holidays));
        }
    }

    private record NewKey(String id, Wanted wanted, Instant notBefore, Instant notAfter, Instant issuedAt, String format,
            String sealed, String replaces) {
    }

    /** What may be sealed in {@code card_keys.sealed} for key {@code keyId}. */
    static String purpose(String keyId) {
        return "card-key:" + keyId;
    }

    KeyIssuer.Pass reconcile(String accountId, KeyIssuer.Scope scope) {
        return locks.with(accountId, () -> {
            Instant now = clock.instant();
            Map<String, Boolean> issuesToCards = new HashMap<>();
            Map<String, Wanted> wanted = new LinkedHashMap<>();
            for (Wanted want : query(accountId, scope.grantFilter(), scope.value() == null ? Map.of() : Map.of("scope", scope.value()),
                    now).values()) {
                Boolean cards = issuesToCards.computeIfAbsent(want.connectionId(), this::issuesToCards);
                if (Boolean.TRUE.equals(cards)) {
                    wanted.put(want.slot(), want);
                }
            }
            // A driver that could not say whether it issues to cards keeps its keys as they are until it can.
            List<KeyPlan.Held> existing = existing(accountId, scope, now).entrySet().stream()
                    .filter(e -> e.getValue() == null || issuesToCards.computeIfAbsent(e.getValue(), this::issuesToCards) != null)
                    .map(Map.Entry::getKey).toList();
            KeyPlan plan = KeyPlan.of(existing, wanted, now, settings.renewBefore());
            List<String> failures = new ArrayList<>();
            List<NewKey> issued = new ArrayList<>();
            for (KeyPlan.Due<Wanted> due : plan.due(wanted.values(), now, settings.keyLifetime())) {
                try {
                    issued.add(issue(due.wish(), due.notBefore(), due.notAfter(), due.issuedAt(), due.replaces()));
                } catch (RuntimeException e) {
                    failures.add(due.wish().lock().name() + " (card " + due.wish().serial() + "): " + e.getMessage());
                }
            }
            store(accountId, issued, plan.revoke(), plan.expired(), now);
            int renewed = (int) issued.stream().filter(k -> k.replaces() != null).count();
            return new KeyIssuer.Pass(issued.size() - renewed, renewed, plan.revoke().size(), plan.expired().size(), failures);
        });
    }

    /**
     * Re-issues a card key after the lock's watermark moved past it, if the grants still call for it;
     * answers whether it did.
     */
    boolean reissue(String accountId, String keyId) {
        return locks.with(accountId, () -> {
            Instant now = clock.instant();
            record Live(String grantId, String cardId, String lockId, Instant notBefore, Instant notAfter) {
            }
            Optional<Live> live = database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM card_keys WHERE id = :id "
                            + "AND account_id = :accountId AND state = 'ACTIVE'").bind("id", keyId).bind("accountId", accountId)
                    .map((rs, ctx) -> new Live(rs.getString("grant_id"), rs.getString("card_id"), rs.getString("lock_id"),
                            instant(rs, "not_before"), instant(rs, "not_after"))).findOne());
            if (live.isEmpty()) {
                return false;
            }
            Optional<Wanted> want = query(accountId, "g.id = :grantId AND c.id = :cardId AND l.id = :lockId",
                    Map.of("grantId", live.get().grantId(), "cardId", live.get().cardId(), "lockId", live.get().lockId()), now)
                    .values().stream().findFirst();
            if (want.isEmpty()) {
                return false;
            }
            NewKey key = issue(want.get(), live.get().notBefore(), live.get().notAfter(), now.truncatedTo(ChronoUnit.MILLIS), keyId);
            store(accountId, List.of(key), List.of(), List.of(), now);
            return true;
        });
    }

    /** Whether the connection's driver issues keys to cards; null when it cannot tell now (not running, failing). */
    private Boolean issuesToCards(String connectionId) {
        DriverCallResult<Set<HolderKind>> holders = runtime.callCapability(connectionId, KeyIssuing.class, "tell its key holders",
                KeyIssuing::holders);
        if (holders instanceof DriverCallResult.Succeeded<Set<HolderKind>> answered) {
            return answered.value() != null && answered.value().contains(HolderKind.CARD);
        }
        boolean runsWithoutKeyIssuing = runtime.pluginOf(connectionId).isPresent() && !runtime.offers(connectionId, KeyIssuing.class);
        return runsWithoutKeyIssuing ? Boolean.FALSE : null;
    }

    private NewKey issue(Wanted want, Instant notBefore, Instant notAfter, Instant issuedAt, String replaces) {
        String keyId = Ids.newId();
        Instant nbf = notBefore.truncatedTo(ChronoUnit.SECONDS);
        Instant naf = notAfter.truncatedTo(ChronoUnit.SECONDS);
        KeyRequest request = new KeyRequest(keyId, want.lock(), new KeyHolder.Card(want.cardId(), want.serial()), nbf, naf,
                SpiValues.schedule(want.schedule(), want.lock().timeZone(), nbf, naf, want.grantId(), issuedAt, want.holidays()),
                SpiValues.permissions(want.permissions()), issuedAt);
        IssuedKey key = DriverOutcomes.valueOf(runtime.callCapability(want.connectionId(), KeyIssuing.class, "issue card key",
                driver -> driver.issue(request)), "key");
        if (key == null || key.credential() == null || !keyId.equals(key.keyId())) {
            throw new IllegalStateException("The driver answered no key for " + keyId);
        }
        String sealed = Base64.getEncoder().encodeToString(box.seal(key.credential(), purpose(keyId)));
        String format = key.format() == null || key.format().isBlank() ? "unknown" : key.format();
        return new NewKey(keyId, want, nbf, naf, issuedAt, format, sealed, replaces);
    }

    private void store(String accountId, List<NewKey> issued, List<KeyPlan.Held> revoke, List<String> expired, Instant now) {
        if (issued.isEmpty() && revoke.isEmpty() && expired.isEmpty()) {
            return;
        }
        database.jdbi().useTransaction(h -> {
            for (NewKey key : issued) {
                h.createUpdate("INSERT INTO card_keys (id, account_id, card_id, lock_id, grant_id, fingerprint, not_before, not_after, "
                                + "issued_at, format, sealed, state) VALUES (:id, :accountId, :cardId, :lockId, :grantId, :fingerprint, "
                                + ":nbf, :naf, :iat, :format, :sealed, 'ACTIVE')")
                        .bind("id", key.id()).bind("accountId", accountId).bind("cardId", key.wanted().cardId())
                        .bind("lockId", key.wanted().lock().lockId()).bind("grantId", key.wanted().grantId())
                        .bind("fingerprint", key.wanted().fingerprint()).bind("nbf", key.notBefore()).bind("naf", key.notAfter())
                        .bind("iat", key.issuedAt()).bind("format", key.format()).bind("sealed", key.sealed()).execute();
                if (key.replaces() != null) {
                    end(h, key.replaces(), "SUPERSEDED", "Renewed", now);
                }
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("keyId", key.id());
                data.put("cardId", key.wanted().cardId());
                data.put("lockId", key.wanted().lock().lockId());
                data.put("grantId", key.wanted().grantId());
                data.put("kind", "CARD");
                data.put("notBefore", key.notBefore().toString());
                data.put("notAfter", key.notAfter().toString());
                webhooks.publish(h, accountId, WebhookEventType.KEY_ISSUED, "key:" + key.id(), data);
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

    /** Notes why a re-issued key gave way (the lock's watermark moved). */
    void noteReissued(String keyId, String reason) {
        database.jdbi().useHandle(h -> h.createUpdate("UPDATE card_keys SET end_reason = :reason WHERE id = :id")
                .bind("reason", reason).bind("id", keyId).execute());
    }

    private static void end(Handle h, String keyId, String state, String reason, Instant now) {
        h.createUpdate("UPDATE card_keys SET state = :state, ended_at = :now, end_reason = :reason WHERE id = :id")
                .bind("state", state).bind("now", now).bind("reason", reason).bind("id", keyId).execute();
    }

    private Map<String, Wanted> query(String accountId, String filter, Map<String, ?> binds, Instant now) {
        String where = filter == null ? "1 = 1" : filter;
        return database.jdbi().withHandle(h -> {
            Map<String, Wanted> wanted = new LinkedHashMap<>();
            KeyHolidays holidays = new KeyHolidays(h, accountId);
            for (String join : List.of("l.id = g.lock_id", "l.site_id = g.site_id")) {
                var query = h.createQuery(WANTED.formatted(join) + "AND " + where).bind("accountId", accountId).bind("now", now);
                binds.forEach(query::bind);
                query.map((rs, ctx) -> new Wanted(rs.getString("grant_id"), rs.getString("delivery"), instant(rs, "valid_from"),
                                instant(rs, "valid_until"), rs.getString("schedule"),
                                new LinkedHashSet<>(Arrays.stream(rs.getString("permissions").split(",")).filter(p -> !p.isBlank()).toList()),
                                rs.getString("card_id"), rs.getString("serial_number"),
                                new LockRef(rs.getString("lock_id"), rs.getString("vendor_reference"), rs.getString("lock_name"),
                                        rs.getString("time_zone")), rs.getString("connection_id"),
                                holidays.of(rs.getString("lock_site_id"), rs.getString("schedule"))))
                        .forEach(w -> wanted.putIfAbsent(w.slot(), w));
            }
            return wanted;
        });
    }

    /** The scope's live card keys, each with its lock's enrolled connection (null when none). */
    private Map<KeyPlan.Held, String> existing(String accountId, KeyIssuer.Scope scope, Instant now) {
        String filter = scope.keyFilter() == null ? "" : " AND " + scope.keyFilter();
        return database.jdbi().withHandle(h -> {
            var query = h.createQuery("SELECT k.*, le.connection_id FROM card_keys k LEFT JOIN lock_enrolments le ON le.lock_id = k.lock_id "
                            + "WHERE k.account_id = :accountId AND (k.state = 'ACTIVE' OR (k.state = 'SUPERSEDED' AND k.not_after > :now))"
                            + filter + " ORDER BY k.issued_at DESC")
                    .bind("accountId", accountId).bind("now", now);
            if (scope.value() != null) {
                query.bind("scope", scope.value());
            }
            Map<KeyPlan.Held, String> keys = new LinkedHashMap<>();
            query.map((rs, ctx) -> Map.entry(new KeyPlan.Held(rs.getString("id"),
                            rs.getString("grant_id") + "|" + rs.getString("card_id") + "|" + rs.getString("lock_id"), rs.getString("lock_id"),
                            "PRE_ISSUED", rs.getString("state"), rs.getString("fingerprint"), instant(rs, "not_after")),
                    Optional.ofNullable(rs.getString("connection_id")))).forEach(e -> keys.put(e.getKey(), e.getValue().orElse(null)));
            return keys;
        });
    }
}
