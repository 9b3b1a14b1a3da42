package dev.portier.drivers.trust;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.LeasedWork;
import dev.portier.platform.db.Leases;
import dev.portier.platform.lifecycle.LifecycleListener;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once a minute, for every account with enrolled phones or card grants: renews keys near their end, issues keys whose
 * grants have begun, marks expired keys, and publishes lists a failing driver left due. Changes made
 * through the UI and API take effect at once; this catches what time alone changes. With several instances
 * on one database only the one holding the {@code key-maintenance} lease runs it.
 */
@Singleton
final class KeyMaintenance implements LifecycleListener {

    private static final Logger log = LoggerFactory.getLogger(KeyMaintenance.class);

    private final Database database;
    private final KeyIssuer keys;
    private final Leases leases;
    private ScheduledExecutorService timer;
    private LeasedWork work;

    @Inject
    KeyMaintenance(Database database, KeyIssuer keys, Leases leases) {
        this.database = database;
        this.leases = leases;
        this.keys = keys;
    }

    @Override
    public void start() {
        work = leases.work("key-maintenance");
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("key-maintenance").daemon().factory());
        timer.scheduleWithFixedDelay(() -> work.runIfHeld(this::pass), 60, 60, TimeUnit.SECONDS);
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

    void pass() {
        try {
            List<String> accounts = database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT account_id FROM devices WHERE state = 'ACTIVE' UNION SELECT account_id FROM grants "
                            + "WHERE card_id IS NOT NULL AND state = 'ACTIVE' UNION SELECT account_id FROM card_keys "
                            + "WHERE state = 'ACTIVE'").mapTo(String.class).list());
            for (String accountId : accounts) {
                keys.reconcile(accountId, KeyIssuer.Scope.account());
            }
        } catch (RuntimeException e) {
            log.warn("Key maintenance pass failed; the next one tries again", e);
        }
    }
}
