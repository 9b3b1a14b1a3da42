package dev.portier.drivers.vehicles;

import dev.portier.drivers.plugins.SpiValues;
import dev.portier.domain.reservations.ReservationRows;
import dev.portier.domain.reservations.ReservationState;
import dev.portier.domain.reservations.SentCommand;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.identity.accounts.Audited;
import dev.portier.drivers.connections.ConnectionRuntime;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.Ids;
import dev.portier.platform.db.PageRequest;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockService;
import dev.portier.plugin.api.RemoteCommands;
import dev.portier.plugin.api.RemoteCommands.CommandResult;
import dev.portier.plugin.api.RemoteCommands.CommandStatus;
import dev.portier.plugin.api.RemoteCommands.CommandType;
import dev.portier.drivers.plugins.DriverCallResult;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.ValidationException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import dev.portier.platform.webhooks.WebhookEventType;
import dev.portier.platform.webhooks.WebhookEvents;

/**
 * Commands to a lock through its driver ({@link RemoteCommands}), each kept with the driver's answer.
 * Only MANAGERs and OWNERs send; VIEWERs read. When a booking of the vehicle runs now and its key is
 * stored at the vendor, the command carries that key ({@code virtualKeyId}); otherwise none, and the
 * vendor decides (Geotab runs such commands unconditionally, except CheckIn and CheckOut). A CheckIn
 * or CheckOut the driver completes moves the booking to CHECKED_IN or COMPLETED; one it ACCEPTED
 * becomes COMPLETED when the vehicle reports it ({@link VehicleReports}).
 */
@Singleton
public final class LockCommandService {

    /** The option that names the vendor's stored key a command runs under. */
    public static final String VIRTUAL_KEY_ID = "virtualKeyId";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;
    private final Authorization authorization;
    private final AuditLog audit;
    private final ConnectionRuntime runtime;
    private final Clock clock;
    private final WebhookEvents webhooks;

    @Inject
    LockCommandService(Database database, Authorization authorization, AuditLog audit, ConnectionRuntime runtime, Clock clock,
            WebhookEvents webhooks) {
        this.webhooks = webhooks;
        this.database = database;
        this.authorization = authorization;
        this.audit = audit;
        this.runtime = runtime;
        this.clock = clock;
    }

    /** Whether the lock's driver takes commands now (its connection runs and implements RemoteCommands). */
    public boolean takesCommands(SignedInUser who, String lockId) {
        authorization.require(who, Role.VIEWER);
        Lock lock = database.jdbi().withHandle(h -> LockService.find(h, who.accountId(), lockId));
        return lock.connectionId() != null && runtime.offers(lock.connectionId(), RemoteCommands.class);
    }

    /** Commands sent to the lock, newest first. */
    public List<SentCommand> list(SignedInUser who, String lockId, PageRequest page) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> {
            LockService.find(h, who.accountId(), lockId);
            return h.createQuery("SELECT * FROM lock_commands WHERE lock_id = :lockId AND account_id = :accountId "
                            + "ORDER BY requested_at DESC, id DESC LIMIT :limit OFFSET :offset")
                    .bind("lockId", lockId).bind("accountId", who.accountId())
                    .bind("limit", page.limit()).bind("offset", page.offset())
                    .map((rs, ctx) -> row(rs)).list();
        });
    }

    public int count(SignedInUser who, String lockId) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> {
            LockService.find(h, who.accountId(), lockId);
            return h.createQuery("SELECT COUNT(*) FROM lock_commands WHERE lock_id = :lockId AND account_id = :accountId")
                    .bind("lockId", lockId).bind("accountId", who.accountId()).mapTo(Integer.class).one();
        });
    }

    /**
     * Sends {@code type} to the lock through its driver (on a worker, with the time limit) and keeps
     * the answer. A driver that fails or does not answer in time gives a FAILED command with the reason.
     */
    public SentCommand send(SignedInUser who, String lockId, CommandType type) {
        authorization.require(who, Role.MANAGER);
        if (type == null) {
            throw ValidationException.of("type", "Choose a command");
        }
        Instant now = clock.instant();
        record Context(Lock lock, String reservationId, String keyId, String state) {
        }
        Context context = database.jdbi().withHandle(h -> {
            Lock lock = LockService.find(h, who.accountId(), lockId);
            Optional<Context> booked = ReservationRows.runningStoredKey(h, who.accountId(), lockId, now)
                    .map(key -> new Context(lock, key.reservationId(), key.vendorKeyId(), key.state()));
            return booked.orElse(new Context(lock, null, null, null));
        });
        Lock lock = context.lock();
        if (lock.connectionId() == null || !runtime.offers(lock.connectionId(), RemoteCommands.class)) {
            throw new ConflictException("type", lock.name() + " takes no commands: its connection does not run a driver "
                    + "that sends them");
        }
        if ((type == CommandType.CHECK_IN || type == CommandType.CHECK_OUT) && context.keyId() == null) {
            // Geotab: a check-in or check-out runs under a booking's stored key; without one the vendor accepts the
            // command and the device can do nothing with it, which must not look like success.
            throw new ConflictException("type", SentCommand.label(type) + " needs a running booking stored at the vendor: "
                    + lock.name() + " has none now");
        }
        String id = Ids.newId();
        Map<String, String> options = context.keyId() == null ? Map.of() : Map.of(VIRTUAL_KEY_ID, context.keyId());
        RemoteCommands.LockCommand command = new RemoteCommands.LockCommand(id, type, context.keyId());
        DriverCallResult<CommandResult> result = runtime.callCapability(lock.connectionId(), RemoteCommands.class,
                "send " + SentCommand.label(type), commands -> commands.send(SpiValues.lockRef(lock), command));
        CommandResult answer = switch (result) {
            case DriverCallResult.Succeeded<CommandResult> ok -> ok.value() == null || ok.value().status() == null
                    ? new CommandResult(CommandStatus.FAILED, null, "The driver answered nothing") : ok.value();
            case DriverCallResult.Failed<CommandResult> failed -> new CommandResult(CommandStatus.FAILED, null, failed.message());
        };
        return database.jdbi().inTransaction(h -> {
            h.createUpdate("INSERT INTO lock_commands (id, account_id, lock_id, reservation_id, type, options, status, "
                            + "vendor_reference, message, requested_by, requested_at) VALUES (:id, :accountId, :lockId, "
                            + ":reservationId, :type, :options, :status, :vendorReference, :message, :by, :at)")
                    .bind("id", id).bind("accountId", who.accountId()).bind("lockId", lockId)
                    .bind("reservationId", context.reservationId()).bind("type", type).bind("options", write(options))
                    .bind("status", answer.status()).bind("vendorReference", answer.vendorReference())
                    .bind("message", shortened(answer.message())).bind("by", who.email()).bind("at", now).execute();
            if (answer.status() == CommandStatus.COMPLETED && context.reservationId() != null) {
                follow(h, context.reservationId(), type);
                ReservationRows.state(h, context.reservationId()).ifPresent(state -> webhooks.publish(h, who.accountId(),
                        WebhookEventType.RESERVATION_UPDATED, "reservation:" + context.reservationId(),
                        Map.of("reservationId", context.reservationId(), "lockId", lockId, "state", state.name())));
            } else if (answer.status() == CommandStatus.ACCEPTED && context.reservationId() != null
                    && reportedMeanwhile(h, context.reservationId(), context.state(), type)) {
                // The vehicle's completion arrived while the driver was still answering: the row is done already.
                VehicleReports.completeAccepted(h, context.reservationId(), type);
            }
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.COMMAND_SENT,
                    SentCommand.label(type) + " to " + lock.name(), answer.status().name()
                            + (answer.message() == null ? "" : ": " + shortened(answer.message())));
            SentCommand sent = h.createQuery("SELECT * FROM lock_commands WHERE id = :id").bind("id", id).map((rs, ctx) -> row(rs)).one();
            if (sent.status() == CommandStatus.COMPLETED || sent.status() == CommandStatus.FAILED) {
                Map<String, Object> data = new java.util.LinkedHashMap<>();
                data.put("commandId", id);
                data.put("lockId", lockId);
                data.put("reservationId", context.reservationId());
                data.put("command", type.name());
                data.put("status", sent.status().name());
                data.put("message", sent.message());
                webhooks.publish(h, who.accountId(), sent.status() == CommandStatus.COMPLETED
                        ? WebhookEventType.COMMAND_COMPLETED : WebhookEventType.COMMAND_FAILED, "lock:" + lockId, data);
            }
            return sent;
        });
    }

    /** A completed CheckIn or CheckOut under a booking's key moves the booking along. */
    private static void follow(Handle h, String reservationId, CommandType type) {
        if (type == CommandType.CHECK_IN) {
            ReservationRows.checkedIn(h, reservationId);
        } else if (type == CommandType.CHECK_OUT) {
            ReservationRows.completed(h, reservationId);
        }
    }

    /** Whether the booking moved the way {@code type} moves it since the command was sent (a vendor's completion did it). */
    private static boolean reportedMeanwhile(Handle h, String reservationId, String stateBefore, CommandType type) {
        ReservationState now = ReservationRows.state(h, reservationId).orElse(null);
        return type == CommandType.CHECK_IN && "SCHEDULED".equals(stateBefore) && now == ReservationState.CHECKED_IN
                || type == CommandType.CHECK_OUT && now == ReservationState.COMPLETED;
    }

    private static String shortened(String message) {
        return message == null || message.length() <= 1000 ? message : message.substring(0, 999) + "…";
    }

    private static SentCommand row(ResultSet rs) throws SQLException {
        return new SentCommand(rs.getString("id"), rs.getString("lock_id"), rs.getString("reservation_id"),
                CommandType.valueOf(rs.getString("type")), read(rs.getString("options")),
                CommandStatus.valueOf(rs.getString("status")), rs.getString("vendor_reference"), rs.getString("message"),
                rs.getString("requested_by"), Instant.ofEpochMilli(rs.getLong("requested_at")));
    }

    private static String write(Map<String, String> options) {
        try {
            return JSON.writeValueAsString(options);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> read(String options) {
        try {
            return JSON.readValue(options, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
