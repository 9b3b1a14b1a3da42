package dev.portier.drivers.vehicles;

import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.drivers.connections.ConnectionDriverListener;
import dev.portier.drivers.connections.ConnectionRuntime;
import dev.portier.drivers.plugins.DriverCallResult;
import dev.portier.drivers.plugins.SpiValues;
import dev.portier.identity.accounts.Audited;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.platform.db.Database;
import dev.portier.platform.lifecycle.LifecycleListener;
import dev.portier.platform.validation.ValidationException;
import dev.portier.plugin.api.ReservationSync;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a vehicle may ask online when a card it does not store is presented (Geotab's "Disable Online
 * CheckIn" device parameter). A MANAGER's change is committed as desired state and handed to the
 * vehicle's driver ({@link ReservationSync#onlineCheckIn}) in the background; when the driver is not
 * running it is handed over when its connection starts. {@code applied} says whether the driver has
 * the current value.
 */
@Singleton
public final class OnlineCheckIns implements ConnectionDriverListener, LifecycleListener {

    private static final Logger log = LoggerFactory.getLogger(OnlineCheckIns.class);

    /** A vehicle's setting; {@code disabled} false and applied for a vehicle nobody set. */
    public record Setting(boolean disabled, boolean applied) {
        static final Setting DEFAULT = new Setting(false, true);
    }

    private final Database database;
    private final Authorization authorization;
    private final AuditLog audit;
    /** A provider: the runtime tells this listener of started connections, so it cannot be built first. */
    private final Provider<ConnectionRuntime> runtime;
    private final Clock clock;
    private ExecutorService worker;
    private boolean stopped;

    @Inject
    OnlineCheckIns(Database database, Authorization authorization, AuditLog audit, Provider<ConnectionRuntime> runtime,
            Clock clock) {
        this.database = database;
        this.authorization = authorization;
        this.audit = audit;
        this.runtime = runtime;
        this.clock = clock;
    }

    public Setting get(SignedInUser who, String lockId) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> {
            LockService.find(h, who.accountId(), lockId);
            return h.createQuery("SELECT online_check_in_disabled, applied FROM vehicle_settings WHERE lock_id = :lockId "
                            + "AND account_id = :accountId").bind("lockId", lockId).bind("accountId", who.accountId())
                    .map((rs, ctx) -> new Setting(rs.getBoolean(1), rs.getBoolean(2))).findOne().orElse(Setting.DEFAULT);
        });
    }

    /** Sets it for a vehicle of the account; the driver is told in the background. */
    public Setting set(SignedInUser who, String lockId, boolean disabled) {
        authorization.require(who, Role.MANAGER);
        database.jdbi().useTransaction(h -> {
            Lock lock = LockService.find(h, who.accountId(), lockId);
            if (lock.kind() != LockKind.VEHICLE) {
                throw ValidationException.of("onlineCheckInDisabled", "Only a vehicle has an online CheckIn to disable");
            }
            h.createUpdate("INSERT INTO vehicle_settings (lock_id, account_id, online_check_in_disabled, applied, updated_at, "
                            + "updated_by) VALUES (:lockId, :accountId, :disabled, FALSE, :at, :by) ON CONFLICT (lock_id) DO UPDATE "
                            + "SET online_check_in_disabled = :disabled, applied = FALSE, updated_at = :at, updated_by = :by")
                    .bind("lockId", lockId).bind("accountId", who.accountId()).bind("disabled", disabled)
                    .bind("at", clock.millis()).bind("by", who.email()).execute();
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.UPDATED, "Vehicle " + lock.name(),
                    disabled ? "Online CheckIn disabled: only stored keys open it" : "Online CheckIn allowed");
        });
        submit(() -> apply(who.accountId(), lockId));
        return get(who, lockId);
    }

    @Override
    public void started(String accountId, String connectionId) {
        submit(() -> {
            List<String> lockIds = database.jdbi().withHandle(h -> h.createQuery(
                            "SELECT lock_id FROM vehicle_settings WHERE account_id = :accountId")
                    .bind("accountId", accountId).mapTo(String.class).list());
            for (String lockId : lockIds) {
                apply(accountId, lockId, connectionId);
            }
        });
    }

    @Override
    public void stopping(String connectionId, boolean deleted) {
    }

    /** The worker starts with the first task, which may come before this listener's turn to start. */
    @Override
    public void start() {
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
    }

    private synchronized void submit(Runnable task) {
        if (stopped) {
            return;
        }
        if (worker == null) {
            worker = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "portier-online-check-in");
                thread.setDaemon(true);
                return thread;
            });
        }
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("Handing a vehicle's online CheckIn setting to its driver failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("The online CheckIn worker refused a task; the setting is handed over at the next start", e);
        }
    }

    private void apply(String accountId, String lockId) {
        apply(accountId, lockId, null);
    }

    /** Tells the vehicle's running driver the current value (only if it runs {@code onlyConnection}, when given). */
    private void apply(String accountId, String lockId, String onlyConnection) {
        record Row(Lock lock, boolean disabled) {
        }
        Row row = database.jdbi().withHandle(h -> h.createQuery("SELECT online_check_in_disabled FROM vehicle_settings "
                        + "WHERE lock_id = :lockId AND account_id = :accountId").bind("lockId", lockId).bind("accountId", accountId)
                .mapTo(Boolean.class).findOne().map(disabled -> new Row(LockService.find(h, accountId, lockId), disabled))
                .orElse(null));
        if (row == null || row.lock().connectionId() == null
                || onlyConnection != null && !onlyConnection.equals(row.lock().connectionId())
                || !runtime.get().offers(row.lock().connectionId(), ReservationSync.class)) {
            return;
        }
        DriverCallResult<Boolean> told = runtime.get().callCapability(row.lock().connectionId(), ReservationSync.class,
                "set online CheckIn", sync -> {
                    sync.onlineCheckIn(SpiValues.lockRef(row.lock()), !row.disabled());
                    return true;
                });
        if (told instanceof DriverCallResult.Succeeded<Boolean>) {
            // Only the value that was handed over: a change made meanwhile stays to be applied.
            database.jdbi().useTransaction(h -> h.createUpdate("UPDATE vehicle_settings SET applied = TRUE WHERE lock_id = :lockId "
                            + "AND online_check_in_disabled = :disabled").bind("lockId", lockId).bind("disabled", row.disabled())
                    .execute());
        } else if (told instanceof DriverCallResult.Failed<Boolean> failed) {
            log.warn("Vehicle {}: its driver did not take the online CheckIn setting: {}", lockId, failed.message());
        }
    }
}
