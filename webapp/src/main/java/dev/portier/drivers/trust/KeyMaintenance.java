package dev.portier.drivers.trust;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.LeasedWork;
import dev.portier.platform.db.Leases;
import dev.portier.platform.lifecycle.LifecycleListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once a minute: renews keys near their end, issues keys whose grants have come within one key lifetime,
 * marks expired keys, and publishes lists a failing driver left due. Changes made through the UI and API
 * take effect at once; this catches what time alone changes. With several instances on one database only
 * the one holding the {@code key-maintenance} lease runs it.
 *
 * <p>A pass does not reconcile every account: one query finds the accounts where time changed something
 * since the previous pass — a key ending within the renewal window, a grant starting within one key
 * lifetime or ending, a revocation list left stale — and only those (plus accounts whose last reconcile
 * left work undone) are reconciled. With nothing due, a pass is that one query whatever the number of
 * accounts. The first pass after start (or after taking the lease over) and every 60th pass reconcile every
 * account with phones, card grants or card keys, as a safety net. An instance that does not hold the lease
 * forgets its previous pass, so taking the lease over starts with a full one.
 */
@Singleton
public final class KeyMaintenance implements LifecycleListener {

    private static final Logger log = LoggerFactory.getLogger(KeyMaintenance.class);
    /** Every so many passes (about an hour at one a minute) one reconciles every account. */
    static final int FULL_PASS_EVERY = 60;
    /** Slack on the windows of the due query: clocks, and a pass that started late. */
    private static final Duration SLACK = Duration.ofMinutes(2);
    private static final String ALL = "SELECT account_id FROM devices WHERE state = 'ACTIVE' UNION SELECT account_id FROM grants "
            + "WHERE card_id IS NOT NULL AND state = 'ACTIVE' UNION SELECT account_id FROM card_keys WHERE state = 'ACTIVE'";
    /** What time alone made due since :since (see KeyPlan: renewal, expiry, a grant coming within one lifetime or ending). */
    private static final String DUE = "SELECT account_id FROM device_keys WHERE state = 'ACTIVE' AND not_after < :renewBy "
            + "UNION SELECT account_id FROM card_keys WHERE state = 'ACTIVE' AND not_after < :renewBy "
            + "UNION SELECT account_id FROM grants WHERE state = 'ACTIVE' AND ((valid_from > :startsAfter AND valid_from <= :startsBy) "
            + "OR (valid_until > :since AND valid_until <= :now)) "
            + "UNION SELECT account_id FROM revocation_lists WHERE stale = 1";

    private final Database database;
    private final KeyIssuer keys;
    private final Leases leases;
    private final Clock clock;
    private final TrustSettings settings;
    private ScheduledExecutorService timer;
    private LeasedWork work;
    private Instant previousPass;
    private int passesSinceFull;

    @Inject
    KeyMaintenance(Database database, KeyIssuer keys, Leases leases, Clock clock, TrustSettings settings) {
        this.database = database;
        this.leases = leases;
        this.keys = keys;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public void start() {
        work = leases.work("key-maintenance");
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("key-maintenance").daemon().factory());
        timer.scheduleWithFixedDelay(() -> {
            if (work.held()) {
                pass();
            } else {
                // Another instance holds the lease: when this one takes it over, it starts with a full pass.
                forgetPreviousPass();
            }
        }, 60, 60, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (work != null) {
            work.close();
        }
    }

    private synchronized void forgetPreviousPass() {
        previousPass = null;
    }

    /** One pass (the timer runs one a minute; tests and benchmarks call it): answers how many accounts it reconciled. */
    public synchronized int pass() {
        try {
            Instant now = clock.instant();
            boolean full = previousPass == null || passesSinceFull >= FULL_PASS_EVERY;
            Set<String> accounts = new LinkedHashSet<>(keys.takeUnfinished());
            Instant since = full ? now : previousPass.minus(SLACK);
            accounts.addAll(database.jdbi().withHandle(h -> full ? h.createQuery(ALL).mapTo(String.class).list()
                    : h.createQuery(DUE).bind("renewBy", now.plus(settings.renewBefore()))
                            .bind("startsAfter", since.plus(settings.keyLifetime())).bind("startsBy", now.plus(settings.keyLifetime()))
                            .bind("since", since).bind("now", now).mapTo(String.class).list()));
            for (String accountId : accounts) {
                try {
                    if (!keys.reconcile(accountId, KeyIssuer.Scope.account()).failures().isEmpty()) {
                        keys.unfinished(accountId);
                    }
                } catch (RuntimeException e) {
                    keys.unfinished(accountId);
                    log.warn("Key maintenance of account {} failed; the next pass tries again", accountId, e);
                }
            }
            previousPass = now;
            passesSinceFull = full ? 1 : passesSinceFull + 1;
            return accounts.size();
        } catch (RuntimeException e) {
            log.warn("Key maintenance pass failed; the next one tries again", e);
            return 0;
        }
    }
}
