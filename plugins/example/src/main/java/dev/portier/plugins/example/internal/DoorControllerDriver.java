package dev.portier.plugins.example.internal;

import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.DriverScheduler.Cancellable;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.EventPulling;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockEvent;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.RemoteCommands;
import dev.portier.plugin.api.StatusDetail;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One connection to a door controller. {@code initialize()} only schedules work; the reachability
 * check runs on the host's scheduler and turns every expected failure into a status. Thread-safe:
 * the host may call {@link #send} and {@link #pull} concurrently with the scheduled check.
 */
public final class DoorControllerDriver implements LockDriver, RemoteCommands, EventPulling {

    private final DoorControllerSettings settings;
    private final DriverContext context;
    private final DoorControllerClient client;
    private final AtomicReference<DriverStatus> reported = new AtomicReference<>();
    private final List<Cancellable> scheduled = new ArrayList<>();
    private volatile boolean disposed;

    public DoorControllerDriver(DoorControllerSettings settings, DriverContext context) {
        this.settings = settings;
        this.context = context;
        this.client = new DoorControllerClient(context.http(), settings);
    }

    @Override
    public void initialize() {
        if (!settings.usable()) {
            report(DriverStatus.offline(StatusDetail.CONFIGURATION_ERROR, settings.problem()));
            return;
        }
        report(DriverStatus.initializing());
        synchronized (scheduled) {
            scheduled.add(context.scheduler().after(Duration.ZERO, this::checkAndReport));
            scheduled.add(context.scheduler().every(settings.pollInterval(), this::checkAndReport));
        }
    }

    @Override
    public DriverStatus test() {
        DriverStatus status = settings.usable()
                ? check()
                : DriverStatus.offline(StatusDetail.CONFIGURATION_ERROR, settings.problem());
        report(status);
        return status;
    }

    @Override
    public void dispose() {
        disposed = true;
        synchronized (scheduled) {
            scheduled.forEach(Cancellable::cancel);
            scheduled.clear();
        }
    }

    @Override
    public CommandResult send(LockRef lock, LockCommand command) {
        if (!settings.usable()) {
            return new CommandResult(CommandStatus.FAILED, null, settings.problem());
        }
        if (command.type() != CommandType.LOCK && command.type() != CommandType.UNLOCK) {
            return new CommandResult(CommandStatus.FAILED, null, "The door controller can only lock and unlock, not "
                    + command.type() + ".");
        }
        try {
            DoorControllerClient.Answer answer = client.command(lock.vendorReference(), command.commandId(),
                    command.type().name());
            return switch (answer.status()) {
                case 200 -> completed(answer);
                case 202 -> new CommandResult(CommandStatus.ACCEPTED,
                        DoorControllerClient.parseForm(answer.body()).get("reference"), "");
                case 401 -> failed(refusedKey(), "The controller refused the API key.");
                case 404 -> new CommandResult(CommandStatus.FAILED, null,
                        "The controller has no door " + lock.vendorReference() + ".");
                default -> failed(unexpected(answer), "The controller answered HTTP " + answer.status() + ".");
            };
        } catch (IOException e) {
            return failed(unreachable(e), "The controller could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CommandResult(CommandStatus.FAILED, null, "Interrupted before the controller answered.");
        }
    }

    @Override
    public List<LockEvent> pull(LockRef lock, long afterEntryNumber) {
        if (!settings.usable()) {
            return List.of();
        }
        try {
            DoorControllerClient.Answer answer = client.events(lock.vendorReference(), afterEntryNumber);
            if (answer.status() == 401) {
                report(refusedKey());
                return List.of();
            }
            if (!answer.ok()) {
                report(unexpected(answer));
                return List.of();
            }
            return parseLog(lock, answer.body());
        } catch (IOException e) {
            report(unreachable(e));
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private void checkAndReport() {
        DriverStatus status = check();
        if (!Thread.currentThread().isInterrupted()) {
            report(status);
        }
    }

    private DriverStatus check() {
        try {
            DoorControllerClient.Answer answer = client.status();
            if (answer.ok()) {
                return DriverStatus.online();
            }
            return answer.status() == 401 ? refusedKey() : unexpected(answer);
        } catch (IOException e) {
            return unreachable(e);
        } catch (InterruptedException e) {
            // Disposed while waiting: the status no longer matters.
            Thread.currentThread().interrupt();
            return DriverStatus.initializing();
        }
    }

    private List<LockEvent> parseLog(LockRef lock, String body) {
        List<LockEvent> events = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.strip().split("\t");
            try {
                if (fields.length != 3) {
                    throw new IllegalArgumentException("expected 3 fields");
                }
                events.add(new LockEvent(lock.lockId(), Long.parseLong(fields[0]), Instant.parse(fields[1]), fields[2],
                        Map.of("door", lock.vendorReference())));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                report(DriverStatus.offline(StatusDetail.COMMUNICATION_ERROR,
                        "The controller's log has a line Portier cannot read: " + line.strip()));
                return List.of();
            }
        }
        return events;
    }

    private CommandResult completed(DoorControllerClient.Answer answer) {
        report(DriverStatus.online());
        return new CommandResult(CommandStatus.COMPLETED, DoorControllerClient.parseForm(answer.body()).get("reference"), "");
    }

    private CommandResult failed(DriverStatus status, String message) {
        report(status);
        return new CommandResult(CommandStatus.FAILED, null, message);
    }

    private static DriverStatus refusedKey() {
        return DriverStatus.offline(StatusDetail.AUTHENTICATION_ERROR, "The controller refused the API key (HTTP 401).");
    }

    private static DriverStatus unexpected(DoorControllerClient.Answer answer) {
        return DriverStatus.offline(StatusDetail.COMMUNICATION_ERROR,
                "The controller answered HTTP " + answer.status() + ".");
    }

    private static DriverStatus unreachable(IOException e) {
        return DriverStatus.offline(StatusDetail.COMMUNICATION_ERROR,
                "The controller could not be reached: " + Objects.toString(e.getMessage(), e.getClass().getSimpleName()));
    }

    /** Reports only changes, and nothing once disposed: the host may already have forgotten the connection. */
    private void report(DriverStatus status) {
        if (disposed) {
            return;
        }
        DriverStatus previous = reported.getAndSet(status);
        if (!status.equals(previous)) {
            context.reportStatus(status);
        }
    }
}
