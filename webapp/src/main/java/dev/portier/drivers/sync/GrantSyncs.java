package dev.portier.drivers.sync;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockService;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.db.Database;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Where the account's grants stand at their vendors (read only; VIEWERs and up). */
@Singleton
public final class GrantSyncs {

    private final Database database;
    private final Authorization authorization;

    @Inject
    GrantSyncs(Database database, Authorization authorization) {
        this.database = database;
        this.authorization = authorization;
    }

    /** Every grant × lock × holder of the grant at a grant-syncing vendor; empty when none of its locks syncs. */
    public List<VendorSync> ofGrant(SignedInUser who, String grantId) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> GrantSyncOutbox.ofGrant(h, who.accountId(), grantId).stream()
                .map(entry -> view(h, entry)).toList());
    }

    /** The account's syncs a vendor refused for good, the latest first. */
    public List<VendorSync> failed(SignedInUser who, int limit) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> GrantSyncOutbox.failed(h, who.accountId(), limit).stream()
                .map(entry -> view(h, entry)).toList());
    }

    public int countFailed(SignedInUser who) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> GrantSyncOutbox.countFailed(h, who.accountId()));
    }

    /**
     * A grant withdrawn at a vendor whose revocation has not reached the lock yet (e.g. Tapkey: the lock has not
     * seen the revocation list that carries it).
     *
     * @param stage        REQUESTED (the vendor has not confirmed it) or REVOKED_AT_VENDOR (the lock has not heard)
     * @param exposedUntil until when a key still held could open the lock; null = unknown or unbounded
     */
    public record RevocationUnderWay(String grantId, String lockId, String lockName, String holder, String stage,
            java.time.Instant exposedUntil, String detail, java.time.Instant withdrawnAt) {
    }

    /** The account's revocations at grant-syncing vendors that have not reached their lock yet, the latest first. */
    public List<RevocationUnderWay> revocationsUnderWay(SignedInUser who, int limit) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> GrantSyncOutbox.revocationsUnderWay(h, who.accountId(), limit).stream()
                .map(r -> {
                    VendorSync view = view(h, r.entry());
                    return new RevocationUnderWay(r.entry().grantId(), r.entry().lockId(), view.lockName(),
                            holderLabel(h, r.entry()),
                            r.stage(), r.exposedUntil(), r.detail(), r.entry().appliedAt());
                }).toList());
    }

    /** "Person Ada Lovelace" or "Card 04A1…", whoever the row is for (its id when they are gone). */
    private static String holderLabel(Handle h, OutboxEntry e) {
        try {
            if (e.holder().startsWith(OutboxEntry.PERSON)) {
                return dev.portier.domain.people.PersonService.find(h, e.accountId(),
                        e.holder().substring(OutboxEntry.PERSON.length())).name();
            }
            return "Card " + dev.portier.domain.cards.CardService.find(h, e.accountId(),
                    e.holder().substring(OutboxEntry.CARD.length())).serialNumber();
        } catch (dev.portier.platform.validation.NotFoundException gone) {
            return e.holder();
        }
    }

    private static VendorSync view(Handle h, OutboxEntry e) {
        String lockName = LockService.findIfAny(h, e.accountId(), e.lockId()).map(Lock::name).orElse(e.lockId());
        return new VendorSync(e.grantId(), e.lockId(), lockName, e.holder(), e.connectionId(), e.desired(), e.state(),
                e.attempts(), e.nextAttemptAt(), e.lastError(), e.vendorReference(), e.changedAt(), e.appliedAt());
    }
}
