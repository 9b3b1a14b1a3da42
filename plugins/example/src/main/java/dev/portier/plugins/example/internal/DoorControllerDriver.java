package dev.portier.plugins.example.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portier.plugin.api.ConfigProperty;
import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.DriverScheduler.Cancellable;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.EventPulling;
import dev.portier.plugin.api.GrantSync;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockEnrolment;
import dev.portier.plugin.api.LockHealth;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.PluginHttpEndpoints;
import dev.portier.plugin.api.RemoteCommands;
import dev.portier.plugin.api.StatusDetail;
import dev.portier.plugins.example.internal.DoorControllerClient.Answer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One connection to a door controller. Its capabilities are the interfaces it implements; each is
 * delegated to a small class of this package. {@code initialize()} only schedules work: the periodic
 * check of {@code GET /status} runs on the host's scheduler, turns every expected failure into a
 * status and reports each door's health. Thread-safe: the host calls capabilities concurrently.
 */
public final class DoorControllerDriver
        implements LockDriver, RemoteCommands, EventPulling, GrantSync, LockEnrolment, PluginHttpEndpoints {

    private final DoorControllerSettings settings;
    private final DriverContext context;
    private final DoorControllerClient client;
    private final ControllerGuard guard;
    private final DoorLog log;
    private final DoorRules rules;
    private final DoorEnrolment enrolment;
    private final DoorEventsEndpoint endpoint;
    private final AtomicReference<DriverStatus> reported = new AtomicReference<>();
    private final List<Cancellable> scheduled = new ArrayList<>();
    private volatile boolean disposed;

    public DoorControllerDriver(DoorControllerSettings settings, DriverContext context) {
        this.settings = settings;
        this.context = context;
        this.client = new DoorControllerClient(context.http(), settings.baseUrl(), settings.apiKey());
        this.guard = new ControllerGuard(this::report);
        this.log = new DoorLog(client, guard, context.locks());
        this.rules = new DoorRules(client, guard);
        this.enrolment = new DoorEnrolment(client, guard, context.phoneMaterial());
        this.endpoint = new DoorEventsEndpoint(settings.apiKey(), log, context.events());
    }

    @Override
    public void initialize() {
        if (!settings.usable()) {
            report(configurationError());
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
        DriverStatus status = settings.usable() ? check() : configurationError();
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
            return new CommandResult(CommandStatus.FAILED, null, settings.problem().message());
        }
        if (command.type() != CommandType.LOCK && command.type() != CommandType.UNLOCK) {
            return new CommandResult(CommandStatus.FAILED, null, "The door controller can only lock and unlock, not "
                    + command.type() + ".");
        }
        try {
            Answer answer = client.command(lock.vendorReference(), command.commandId(), command.type().name());
            return switch (answer.status()) {
                case 200 -> completed(answer);
                case 401 -> failed(ControllerGuard.refusedKey(), "The controller refused the API key.");
                case 404 -> new CommandResult(CommandStatus.FAILED, null,
                        "The controller has no door " + lock.vendorReference() + ".");
                default -> failed(ControllerGuard.unexpectedStatus(answer), "The controller answered HTTP " + answer.status() + ".");
            };
        } catch (IOException e) {
            DriverStatus status = ControllerGuard.unreachable(e);
            return failed(status, status.message());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CommandResult(CommandStatus.FAILED, null, "Interrupted before the controller answered.");
        }
    }

    @Override
    public Duration pullInterval() {
        return settings.usable() ? settings.pollInterval() : EventPulling.super.pullInterval();
    }

    @Override
    public PulledEvents pull(String cursor) {
        requireUsable();
        return log.pull(cursor);
    }

    @Override
    public SyncedGrant push(GrantSnapshot grant) {
        requireUsable();
        return rules.push(grant);
    }

    @Override
    public void withdraw(GrantWithdrawal withdrawal) {
        requireUsable();
        rules.withdraw(withdrawal);
    }

    @Override
    public List<ConfigProperty> enrolmentInputs() {
        return DoorEnrolment.INPUTS;
    }

    @Override
    public EnrolmentResult enrol(EnrolmentRequest request) {
        requireUsable();
        return enrolment.enrol(request);
    }

    @Override
    public PluginHttpResponse handle(PluginHttpRequest request) {
        return endpoint.handle(request);
    }

    private void checkAndReport() {
        DriverStatus status = check();
        if (!Thread.currentThread().isInterrupted()) {
            report(status);
        }
    }

    private DriverStatus check() {
        try {
            Answer answer = client.status();
            if (answer.ok()) {
                reportHealth(answer.body());
                return DriverStatus.online();
            }
            return answer.status() == 401 ? ControllerGuard.refusedKey() : ControllerGuard.unexpectedStatus(answer);
        } catch (IOException e) {
            return ControllerGuard.unreachable(e);
        } catch (InterruptedException e) {
            // Disposed while waiting: the status no longer matters.
            Thread.currentThread().interrupt();
            return DriverStatus.initializing();
        }
    }

    /** Each door of the status answer that is a lock of this connection: online, battery, last seen. */
    private void reportHealth(JsonNode status) {
        String firmware = status.path("firmware").asText(null);
        for (JsonNode door : status.path("doors")) {
            context.locks().byVendorReference(door.path("door").asText()).ifPresent(lock -> {
                if (!disposed) {
                    JsonNode lastSeen = door.path("lastSeen");
                    context.reportHealth(new LockHealth(lock.lockId(), door.path("online").asBoolean(),
                            door.has("battery") ? door.path("battery").asInt() : null, door.path("batteryLow").asBoolean(),
                            lastSeen.isTextual() ? Instant.parse(lastSeen.asText()) : null, firmware));
                }
            });
        }
    }

    private void requireUsable() {
        if (!settings.usable()) {
            throw new IllegalStateException(settings.problem().message());
        }
    }

    private DriverStatus configurationError() {
        return DriverStatus.offline(StatusDetail.CONFIGURATION_ERROR, settings.problem().message());
    }

    private CommandResult completed(Answer answer) {
        report(DriverStatus.online());
        return new CommandResult(CommandStatus.COMPLETED, answer.body().path("reference").asText(null), "");
    }

    private CommandResult failed(DriverStatus status, String message) {
        report(status);
        return new CommandResult(CommandStatus.FAILED, null, message);
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
