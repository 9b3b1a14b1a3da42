package dev.portier.drivers.sync;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.grants.WeeklySchedule;
import dev.portier.domain.holidays.HolidayService;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonService;
import dev.portier.drivers.connections.ConnectionRuntime;
import dev.portier.drivers.plugins.DriverCallResult;
import dev.portier.drivers.plugins.DriverRefusals;
import dev.portier.drivers.plugins.SpiValues;
import dev.portier.platform.db.Database;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.plugin.api.GrantSync;
import dev.portier.plugin.api.GrantSync.GrantSnapshot;
import dev.portier.plugin.api.GrantSync.GrantWithdrawal;
import dev.portier.plugin.api.Grantee;
import dev.portier.plugin.api.LimitExceededException;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.VendorRefusedException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import dev.portier.platform.webhooks.WebhookEventType;
import dev.portier.platform.webhooks.WebhookEvents;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at one outbox row: reads the grant as it is now, calls the connection's driver through
 * {@link ConnectionRuntime#callCapability} (a worker with a time limit; never throws) and stores the
 * outcome — APPLIED, RETRYING with backoff for what may pass, FAILED for the SPI's typed refusals.
 */
@Singleton
final class SyncAttempt {

    private static final Logger log = LoggerFactory.getLogger(SyncAttempt.class);

    private final Database database;
    private final ConnectionRuntime runtime;
    private final Clock clock;
    private final WebhookEvents webhooks;

    @Inject
    SyncAttempt(Database database, ConnectionRuntime runtime, Clock clock, WebhookEvents webhooks) {
        this.webhooks = webhooks;
        this.database = database;
        this.runtime = runtime;
        this.clock = clock;
    }

    /** What the driver is asked, read in one go. */
    private record Call(OutboxEntry entry, LockRef lock, Grantee grantee, GrantSnapshot snapshot) {
    }

    /** Tries {@code due} unless it changed or stopped being due since it was picked. */
    void run(OutboxEntry due) {
        Optional<OutboxEntry> current = database.jdbi().withHandle(h -> GrantSyncOutbox.find(h, due.key()))
                .filter(now -> now.changedAt().equals(due.changedAt()) && now.nextAttemptAt() != null
                        && !now.nextAttemptAt().isAfter(clock.instant()));
        if (current.isEmpty()) {
            return;
        }
        Call call;
        try {
            call = database.jdbi().withHandle(h -> prepare(h, current.get()));
        } catch (RuntimeException e) {
            // Portier's own data could not be read (e.g. the database is busy): try again like a transient failure.
            log.warn("Grant {} at lock {}: could not prepare the call", due.grantId(), due.lockId(), e);
            retry(current.get(), "Portier could not prepare the call: " + e.getMessage());
            return;
        }
        perform(call);
    }

    private Call prepare(Handle h, OutboxEntry entry) {
        Grant grant = GrantService.find(h, entry.accountId(), entry.grantId());
        Lock lock = LockService.find(h, entry.accountId(), entry.lockId());
        LockRef ref = SpiValues.lockRef(lock);
        Grantee grantee = grantee(h, entry);
        if (entry.desired() == Desired.WITHDRAW) {
            return new Call(entry, ref, grantee, null);
        }
        Instant from = grant.validFrom() != null ? grant.validFrom() : grant.createdAt();
        String schedule = grant.scheduleIfAny().map(WeeklySchedule::format).orElse(null);
        GrantSnapshot snapshot = new GrantSnapshot(grant.id(), ref, grantee, from, grant.validUntil(),
                SpiValues.schedule(schedule, lock.siteTimeZone(), from, grant.validUntil(), grant.id(), entry.changedAt(),
                        HolidayService.forSite(h, entry.accountId(), lock.siteId())),
                SpiValues.permissionsOf(grant.permissions()), entry.vendorReference());
        return new Call(entry, ref, grantee, snapshot);
    }

    private static Grantee grantee(Handle h, OutboxEntry entry) {
        if (entry.holder().startsWith(OutboxEntry.PERSON)) {
            String personId = entry.holder().substring(OutboxEntry.PERSON.length());
            try {
                Person person = PersonService.find(h, entry.accountId(), personId);
                return new Grantee.Person(person.id(), person.name(), person.email(), person.phone());
            } catch (NotFoundException e) {
                return new Grantee.Person(personId, "", null, null);
            }
        }
        Card card = CardService.find(h, entry.accountId(), entry.holder().substring(OutboxEntry.CARD.length()));
        return new Grantee.Card(card.id(), card.serialNumber(), card.cardType().name());
    }

    private void perform(Call call) {
        OutboxEntry entry = call.entry();
        if (entry.desired() == Desired.PUSH) {
            DriverCallResult<GrantSync.SyncedGrant> result = runtime.callCapability(entry.connectionId(), GrantSync.class,
                    "push grant", sync -> sync.push(call.snapshot()));
            switch (result) {
                case DriverCallResult.Succeeded<GrantSync.SyncedGrant> ok when ok.value() != null -> pushed(entry, ok.value());
                case DriverCallResult.Succeeded<GrantSync.SyncedGrant> empty ->
                        retry(entry, "The driver answered the push without a vendor reference");
                case DriverCallResult.Failed<GrantSync.SyncedGrant> failed -> failed(entry, failed);
            }
        } else {
            DriverCallResult<Object> result = runtime.callCapability(entry.connectionId(), GrantSync.class, "withdraw grant",
                    sync -> {
                        sync.withdraw(new GrantWithdrawal(entry.grantId(), call.lock(), call.grantee(), entry.vendorReference()));
                        return null;
                    });
            switch (result) {
                case DriverCallResult.Succeeded<Object> ok -> database.jdbi().useTransaction(h -> {
                    Instant now = clock.instant();
                    if (GrantSyncOutbox.applied(h, entry, null, now)) {
                        published(h, entry, WebhookEventType.GRANT_SYNC_APPLIED, null);
                        if (entry.vendorReference() != null) {
                            GrantSyncOutbox.followRevocation(h, entry, entry.vendorReference(), now);
                        }
                    }
                });
                case DriverCallResult.Failed<Object> failed -> failed(entry, failed);
            }
        }
    }

    /**
     * Asks the driver how far one withdrawn grant's revocation has got ({@link GrantSync#progress}) and keeps the
     * answer; asks again with growing pauses (5 s, 10 s, 20 s … at most 1 h) until it has reached the lock.
     */
    void followRevocation(OutboxEntry withdrawn, String withdrawnReference, int checks) {
        Instant now = clock.instant();
        Instant next = now.plus(java.time.Duration.ofSeconds(Math.min(3600, 5L << Math.min(checks, 10))));
        Call call;
        try {
            call = database.jdbi().withHandle(h -> prepare(h, withdrawn));
        } catch (RuntimeException e) {
            database.jdbi().useHandle(h -> GrantSyncOutbox.progressUnknown(h, withdrawn, e.getMessage(), next));
            return;
        }
        DriverCallResult<GrantSync.RevocationProgress> result = runtime.callCapability(withdrawn.connectionId(), GrantSync.class,
                "report a revocation's progress",
                sync -> sync.progress(new GrantWithdrawal(withdrawn.grantId(), call.lock(), call.grantee(), withdrawnReference)));
        switch (result) {
            case DriverCallResult.Succeeded<GrantSync.RevocationProgress> ok when ok.value() != null -> {
                GrantSync.RevocationProgress progress = ok.value();
                boolean done = progress.stage() == GrantSync.RevocationProgress.Stage.REACHED_LOCK;
                database.jdbi().useTransaction(h -> {
                    GrantSyncOutbox.progressed(h, withdrawn, progress.stage().name(), progress.exposedUntil(), progress.detail(),
                            done ? null : next);
                    if (done) {
                        Map<String, Object> data = webhookData(withdrawn, null);
                        data.put("stage", progress.stage().name());
                        webhooks.publish(h, withdrawn.accountId(), WebhookEventType.REVOCATION_CONFIRMED,
                                "grant:" + withdrawn.grantId(), data);
                    }
                });
            }
            case DriverCallResult.Succeeded<GrantSync.RevocationProgress> empty ->
                    database.jdbi().useHandle(h -> GrantSyncOutbox.progressUnknown(h, withdrawn, "the driver answered nothing", next));
            case DriverCallResult.Failed<GrantSync.RevocationProgress> failed ->
                    database.jdbi().useHandle(h -> GrantSyncOutbox.progressUnknown(h, withdrawn, failed.message(), next));
        }
    }

    private void pushed(OutboxEntry entry, GrantSync.SyncedGrant synced) {
        database.jdbi().useTransaction(h -> {
            if (!GrantSyncOutbox.applied(h, entry, synced.vendorReference(), clock.instant())) {
                GrantSyncOutbox.remember(h, entry.key(), synced.vendorReference());
            } else {
                published(h, entry, WebhookEventType.GRANT_SYNC_APPLIED, null);
            }
        });
    }

    private void failed(OutboxEntry entry, DriverCallResult.Failed<?> failed) {
        Throwable cause = failed.cause();
        if (cause instanceof LimitExceededException limit) {
            fail(entry, DriverRefusals.limitMessage(limit));
        } else if (cause instanceof VendorRefusedException refused) {
            fail(entry, refused.reason());
        } else {
            retry(entry, failed.message());
        }
    }

    private void fail(OutboxEntry entry, String reason) {
        log.info("Grant {} at lock {}: the vendor refused ({}); not retried until the grant changes", entry.grantId(),
                entry.lockId(), reason);
        database.jdbi().useTransaction(h -> {
            if (GrantSyncOutbox.fail(h, entry, reason)) {
                published(h, entry, WebhookEventType.GRANT_SYNC_FAILED, reason);
            }
        });
    }

    private void published(Handle h, OutboxEntry entry, WebhookEventType type, String error) {
        webhooks.publish(h, entry.accountId(), type, "grant:" + entry.grantId(), webhookData(entry, error));
    }

    private static Map<String, Object> webhookData(OutboxEntry entry, String error) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("grantId", entry.grantId());
        data.put("lockId", entry.lockId());
        data.put("connectionId", entry.connectionId());
        data.put("holder", entry.holder());
        data.put("desired", entry.desired().name());
        if (error != null) {
            data.put("error", error);
        }
        return data;
    }

    private void retry(OutboxEntry entry, String error) {
        Instant next = clock.instant().plus(Backoff.after(entry.attempts() + 1));
        log.debug("Grant {} at lock {}: {}; next attempt at {}", entry.grantId(), entry.lockId(), error, next);
        database.jdbi().useHandle(h -> GrantSyncOutbox.retry(h, entry, error, next));
    }
}
