package dev.portier.drivers.trust;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.domain.grants.GrantListener;
import dev.portier.domain.holidays.HolidayListener;
import dev.portier.platform.lifecycle.LifecycleListener;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.jdbi.v3.core.Handle;
import org.slf4j.LoggerFactory;

/**
 * Issues, re-issues or revokes a grant's keys right after the grant changed — in the background, so
 * saving a grant never waits on a driver. One pass at a time, in the order grants changed; a pass that
 * is lost (Portier stopped first) is made up by {@link KeyMaintenance}'s periodic pass.
 *
 * <p>The same for a change of the holidays some sites observe: once it is committed, the account's keys
 * are reconciled, so keys that observe holidays (whose fingerprint has the site's holidays) are re-issued
 * with the new dates; should that pass be lost, the account is also marked for the next periodic pass.
 */
@Singleton
final class KeysFollowGrants implements GrantListener, HolidayListener, LifecycleListener {

    private static final Logger log = LoggerFactory.getLogger(KeysFollowGrants.class);

    private final KeyIssuer keys;
    private volatile ExecutorService passes;

    @Inject
    KeysFollowGrants(KeyIssuer keys) {
        this.keys = keys;
    }

    @Override
    public void start() {
        passes = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "portier-keys-follow-grants");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void stop() {
        ExecutorService stopping = passes;
        passes = null;
        if (stopping != null) {
            stopping.shutdownNow();
        }
    }

    @Override
    public void grantChanged(String accountId, String grantId) {
        ExecutorService current = passes;
        if (current == null) {
            log.warn("Keys of grant {} not reconciled: Portier is not running; the periodic pass will", grantId);
            return;
        }
        try {
            current.execute(() -> keys.reconcileGrantQuietly(accountId, grantId));
        } catch (RejectedExecutionException e) {
            log.warn("Keys of grant {} not reconciled: Portier is stopping; the periodic pass will", grantId);
        }
    }

    @Override
    public void holidaysChanged(Handle h, String accountId, Set<String> siteIds) {
        h.afterCommit(() -> {
            keys.unfinished(accountId); // the periodic pass makes up a lost one
            ExecutorService current = passes;
            if (current == null) {
                return;
            }
            try {
                current.execute(() -> keys.reconcileAccountQuietly(accountId));
            } catch (RejectedExecutionException e) {
                log.warn("Keys of account {} not reconciled after a holiday change: Portier is stopping; the periodic pass will", accountId);
            }
        });
    }
}
