package dev.portier.drivers.trust;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.domain.grants.GrantListener;
import dev.portier.platform.lifecycle.LifecycleListener;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues, re-issues or revokes a grant's keys right after the grant changed — in the background, so
 * saving a grant never waits on a driver. One pass at a time, in the order grants changed; a pass that
 * is lost (Portier stopped first) is made up by {@link KeyMaintenance}'s periodic pass.
 */
@Singleton
final class KeysFollowGrants implements GrantListener, LifecycleListener {

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
}
