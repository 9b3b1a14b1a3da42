package dev.portier.drivers.sync;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.cards.CardState;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantChangeParticipant;
import dev.portier.domain.grants.GrantCoverage;
import dev.portier.domain.grants.GrantStatus;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.drivers.plugins.DriverFactories;
import dev.portier.drivers.plugins.LoadedDriverFactory;
import dev.portier.platform.db.SqlText;
import dev.portier.plugin.api.Capability;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Writes what a grant asks of grant-syncing vendors into the outbox, in the grant's own transaction:
 * a PUSH for every lock it covers whose connection's driver implements {@code GrantSync} (a site grant
 * covers every lock of the site), and a WITHDRAW for what it no longer asks (revoked, expired, a lock
 * or holder that no longer belongs). Calls no driver; the worker does, after the commit.
 */
@Singleton
final class DesiredGrantState implements GrantChangeParticipant {

    private final DriverFactories factories;
    private final Clock clock;

    @Inject
    DesiredGrantState(DriverFactories factories, Clock clock) {
        this.factories = factories;
        this.clock = clock;
    }

    /** Whether a lock's driver syncs grants; UNKNOWN while its plugin is not started (its rows are left alone). */
    private enum Syncing { YES, NO, UNKNOWN }

    /** The grant was created, changed or revoked: everything it asks is pushed again, failed rows included. */
    @Override
    public void grantChanged(Handle h, Grant grant) {
        reconcile(h, grant, true);
    }

    /**
     * Brings the grant's rows in line with the grant. {@code changed}: the grant itself changed, so
     * every row it wants is pushed again; otherwise (the periodic sweep) only new and no longer wanted
     * rows are written, so a failed push waits for the next change of the grant.
     */
    void reconcile(Handle h, Grant grant, boolean changed) {
        Instant now = clock.instant();
        Map<OutboxEntry.Key, OutboxEntry> existing = new HashMap<>();
        GrantSyncOutbox.ofGrant(h, grant.accountId(), grant.id()).forEach(entry -> existing.put(entry.key(), entry));
        Map<OutboxEntry.Key, String> wanted = new HashMap<>();
        Set<OutboxEntry.Key> undecided = new HashSet<>();
        if (applies(grant.status(now)) && holderMayOpen(h, grant)) {
            String holder = holder(grant);
            for (String lockId : GrantCoverage.lockIds(h, grant)) {
                Optional<Lock> lock = LockService.findIfAny(h, grant.accountId(), lockId);
                OutboxEntry.Key key = new OutboxEntry.Key(grant.id(), lockId, holder);
                switch (lock.map(this::syncing).orElse(Syncing.NO)) {
                    case YES -> wanted.put(key, lock.get().connectionId());
                    case UNKNOWN -> undecided.add(key);
                    case NO -> { }
                }
            }
        }
        wanted.forEach((key, connectionId) -> {
            OutboxEntry entry = existing.get(key);
            boolean again = entry == null || entry.desired() != Desired.PUSH || !entry.connectionId().equals(connectionId)
                    || changed && !(entry.state() == SyncState.PENDING && entry.attempts() == 0);
            if (again) {
                GrantSyncOutbox.want(h, key, grant.accountId(), connectionId, Desired.PUSH, now);
            }
        });
        existing.values().stream()
                .filter(entry -> entry.desired() == Desired.PUSH && !wanted.containsKey(entry.key())
                        && !undecided.contains(entry.key()))
                .forEach(entry -> GrantSyncOutbox.want(h, entry.key(), entry.accountId(), entry.connectionId(),
                        Desired.WITHDRAW, now));
    }

    static String holder(Grant grant) {
        return grant.personId() != null ? OutboxEntry.PERSON + grant.personId() : OutboxEntry.CARD + grant.cardId();
    }

    /** A grant not yet valid is pushed too: the snapshot carries its start, and vendors keep it ready. */
    private static boolean applies(GrantStatus status) {
        return status == GrantStatus.ACTIVE || status == GrantStatus.NOT_YET_VALID;
    }

    /** A lost or retired card opens nothing, whatever its grants say: the vendor should not hold it. */
    private static boolean holderMayOpen(Handle h, Grant grant) {
        return grant.cardId() == null || CardService.find(h, grant.accountId(), grant.cardId()).state() == CardState.ACTIVE;
    }

    private Syncing syncing(Lock lock) {
        if (lock.connectionId() == null || SqlText.isBlank(lock.vendorReference()) || lock.state() == LockState.DECOMMISSIONED) {
            return Syncing.NO;
        }
        return factories.byId(lock.driverId()).map(LoadedDriverFactory::capabilities)
                .map(capabilities -> capabilities.contains(Capability.GRANT_SYNC) ? Syncing.YES : Syncing.NO)
                .orElse(Syncing.UNKNOWN);
    }
}
