package dev.portier.plugins.geotab.internal;

import dev.portier.plugin.api.ConnectionState;
import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.DriverScheduler.Cancellable;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.PluginHttpEndpoints;
import dev.portier.plugin.api.RemoteCommands;
import dev.portier.plugin.api.ReservationSync;
import dev.portier.plugin.api.SandboxActions;
import dev.portier.plugin.api.StatusDetail;
import dev.portier.plugins.geotab.simulator.KeylessSimulator;
import dev.portier.plugins.geotab.simulator.VirtualKey;
import dev.portier.plugins.geotab.simulator.WebhookCourier;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One Geotab Keyless connection: stored virtual keys for reservations, commands, the notification
 * subscription and its webhook ({@code POST /notifications} below the connection's URL), the vehicles'
 * health, and — in sandbox mode — its own simulated Keyless Service on loopback. Its capabilities are
 * the interfaces it implements. {@code initialize()} only starts things; talking to the service runs on
 * the host's scheduler. Thread-safe: the host calls capabilities and the webhook concurrently.
 */
public final class GeotabDriver implements LockDriver, ReservationSync, RemoteCommands, SandboxActions,
        PluginHttpEndpoints {

    /** How often the subscription and the vehicles' health are checked. */
    static final Duration CHECK_PERIOD = Duration.ofMinutes(5);

    private final GeotabSettings settings;
    private final DriverContext context;
    private final AtomicReference<DriverStatus> reported = new AtomicReference<>();
    private final List<Cancellable> scheduled = new ArrayList<>();
    private final StoredKeys storedKeys;
    private final Commands commands;
    private final Notifications notifications;
    private final GeotabSandbox sandbox;
    private final VehicleHealth health;
    private final SecurityToken securityToken;
    private final LiveDrivers live;
    private final VehicleSettings vehicleSettings;
    private volatile KeylessClient client;
    private volatile KeylessSimulator simulator;
    private volatile SimulatorHttp simulatorHttp;
    private volatile boolean disposed;

    /** @param live where the factory finds running drivers for the legacy webhook URL */
    public GeotabDriver(GeotabSettings settings, DriverContext context, LiveDrivers live) {
        this.settings = settings;
        this.context = context;
        this.live = live;
        if (settings.usable() && !settings.sandbox()) {
            client = new KeylessClient(context.http(), settings.baseUrl(), settings);
        }
        this.storedKeys = new StoredKeys(this, context, new KeyLedger(context.secrets()));
        this.vehicleSettings = new VehicleSettings(context.secrets());
        this.commands = new Commands(this);
        this.notifications = new Notifications(this, context, new HandledNotifications(context.secrets()));
        this.sandbox = new GeotabSandbox(this, context);
        this.health = new VehicleHealth(this, context);
        this.securityToken = new SecurityToken(context.secrets());
    }

    @Override
    public void initialize() {
        if (!settings.usable()) {
            report(DriverStatus.offline(StatusDetail.CONFIGURATION_ERROR, settings.problemMessage()));
            return;
        }
        report(DriverStatus.initializing());
        if (settings.sandbox()) {
            // Binding a loopback port is local and quick; the simulator shares the host's clock.
            simulator = KeylessSimulator.start(settings.apiKey(), settings.database(), context.clock());
            simulatorHttp = new SimulatorHttp();
            client = new KeylessClient(simulatorHttp, URI.create(simulator.url()), settings);
        }
        synchronized (scheduled) {
            if (settings.sandbox()) {
                // The simulator starts empty: it gets back what the Keyless Service would have kept.
                scheduled.add(context.scheduler().after(Duration.ZERO, this::restoreSimulator));
            }
            scheduled.add(context.scheduler().after(Duration.ZERO, this::checkAndSync));
            scheduled.add(context.scheduler().every(CHECK_PERIOD, this::checkAndSync));
        }
        live.started(context.connectionId(), this);
    }

    @Override
    public DriverStatus test() {
        DriverStatus status = settings.usable() ? subscribe()
                : DriverStatus.offline(StatusDetail.CONFIGURATION_ERROR, settings.problemMessage());
        report(status);
        return status;
    }

    @Override
    public void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        live.disposed(context.connectionId(), this);
        synchronized (scheduled) {
            scheduled.forEach(Cancellable::cancel);
            scheduled.clear();
        }
        KeylessSimulator running = simulator;
        if (running != null) {
            running.close();
        }
        SimulatorHttp http = simulatorHttp;
        if (http != null) {
            http.close();
        }
    }

    @Override
    public Capacity capacity(LockRef lock) {
        return storedKeys.capacity(lock);
    }

    @Override
    public StoredReservation store(ReservationRequest request) {
        return storedKeys.store(request);
    }

    @Override
    public void cancel(LockRef lock, String vendorKeyId) {
        storedKeys.cancel(lock, vendorKeyId);
    }

    /**
     * Keeps whether the vehicle may ask online (the "Disable Online CheckIn" parameter is the opposite);
     * CheckIn requests of a vehicle that may not are refused. The Keyless document gives the parameter but
     * no call that sets it, so at Geotab it is set in MyGeotab; a sandbox device gets it at once.
     */
    @Override
    public void onlineCheckIn(LockRef vehicle, boolean allowed) {
        vehicleSettings.onlineCheckIn(vehicle.vendorReference(), allowed);
        KeylessSimulator running = simulator;
        if (running != null) {
            running.device(vehicle.vendorReference()).disableOnlineCheckIn(!allowed);
        }
    }

    /** Whether the host said the vehicle must not ask online. */
    boolean onlineCheckInDisabled(String serialNumber) {
        return vehicleSettings.onlineCheckInDisabled(serialNumber);
    }

    /** Asks the Keyless Service to delete every stored key of the vehicle (202), and forgets them. */
    public void cancelAll(LockRef lock) {
        storedKeys.cancelAll(lock);
    }

    @Override
    public CommandResult send(LockRef lock, LockCommand command) {
        return commands.send(lock, command);
    }

    @Override
    public List<SandboxAction> sandboxActions() {
        return settings.sandbox() && simulator != null ? sandbox.actions() : List.of();
    }

    @Override
    public SandboxOutcome run(SandboxRun run) {
        return sandbox.run(run);
    }

    /** Reports each vehicle's health from its GO device's status at the service. */
    public void checkHealth() {
        health.checkAll();
    }

    /**
     * {@code POST /notifications}: Geotab's webhook, for this connection only. The request must carry
     * this connection's security token (constant-time comparison of SHA-256 digests), else 401.
     */
    @Override
    public PluginHttpResponse handle(PluginHttpRequest request) {
        if (!request.path().equals(GeotabSettings.NOTIFICATIONS)) {
            return PluginHttpResponse.json(404, "{\"error\":\"Geotab serves /notifications only\"}");
        }
        if (!request.method().equals("POST")) {
            return new PluginHttpResponse(405, "application/json",
                    KeylessJson.write(Map.of("error", "Notifications are POSTed")).getBytes(StandardCharsets.UTF_8),
                    Map.of("Allow", "POST"));
        }
        if (!acceptsToken(request.header(WebhookCourier.TOKEN_HEADER))) {
            return PluginHttpResponse.json(401, "{\"error\":\"The security token was not accepted\"}");
        }
        return notifications.handle(request.body());
    }

    /** Whether {@code presented} is this connection's security token; constant time over SHA-256 digests. */
    public boolean acceptsToken(String presented) {
        return settings.usable() && securityToken.accepts(presented);
    }

    /** The simulator of a sandbox connection, once initialised; {@code null} in production mode. */
    public KeylessSimulator simulator() {
        return simulator;
    }

    StoredKeys storedKeys() {
        return storedKeys;
    }

    GeotabSettings settings() {
        return settings;
    }

    /** The Keyless Service client; fails when the settings cannot work. */
    KeylessClient client() {
        KeylessClient current = client;
        if (current == null) {
            throw new IllegalStateException(settings.usable() ? "The Geotab connection has not started yet"
                    : settings.problemMessage());
        }
        return current;
    }

    /** A sandbox's simulated service holds the stored keys Portier created, under their ids, and each device its parameter. */
    private void restoreSimulator() {
        KeylessSimulator running = simulator;
        if (running == null) {
            return;
        }
        for (LockRef vehicle : context.locks().all()) {
            String serial = vehicle.vendorReference();
            for (KeyLedger.Entry entry : storedKeys.activeKeys(serial)) {
                running.device(serial).restoreStoredKey(new VirtualKey(entry.keyId(), true, entry.cards(), entry.userReference(),
                        serial, entry.begin(), entry.end(), entry.permissions(), entry.privileges(), entry.endBookConditions()));
            }
            running.device(serial).disableOnlineCheckIn(vehicleSettings.onlineCheckInDisabled(serial));
        }
    }

    private void checkAndSync() {
        DriverStatus status = subscribe();
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        report(status);
        if (status.state() == ConnectionState.ONLINE) {
            health.checkAll();
        }
    }

    /** Creates the notification subscription, or modifies it when its webhook or token differ. */
    private DriverStatus subscribe() {
        try {
            KeylessClient keyless = client();
            // Moves a subscription of SPI 1.x (the plugin-wide URL) to this connection's own URL.
            String webhook = settings.webhookUrl(context.connectionId()).toString();
            String token = securityToken.value();
            KeylessClient.Answer current = keyless.subscription();
            if (current.status() == 401) {
                return refusedKey();
            }
            if (current.ok() && webhook.equals(KeylessJson.text(current.json(), "webhook"))
                    && token.equals(KeylessJson.text(current.json(), "securityToken"))) {
                return DriverStatus.online();
            }
            if (!current.ok() && current.status() != 404) {
                return unexpected(current);
            }
            KeylessClient.Answer changed = keyless.subscribe(current.ok(), webhook, token);
            if (changed.status() == 401) {
                return refusedKey();
            }
            return changed.ok() ? DriverStatus.online() : unexpected(changed);
        } catch (IOException e) {
            return unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DriverStatus.initializing();
        }
    }

    static DriverStatus refusedKey() {
        return DriverStatus.offline(StatusDetail.AUTHENTICATION_ERROR, "The Keyless Service refused the API key (HTTP 401).");
    }

    static DriverStatus unexpected(KeylessClient.Answer answer) {
        return DriverStatus.offline(StatusDetail.COMMUNICATION_ERROR, "The Keyless Service answered " + answer.error() + ".");
    }

    static DriverStatus unreachable(IOException e) {
        return DriverStatus.offline(StatusDetail.COMMUNICATION_ERROR, "The Keyless Service could not be reached: "
                + Objects.toString(e.getMessage(), e.getClass().getSimpleName()));
    }

    /** Reports only changes, and nothing once disposed. */
    void report(DriverStatus status) {
        if (disposed) {
            return;
        }
        DriverStatus previous = reported.getAndSet(status);
        if (!status.equals(previous)) {
            context.reportStatus(status);
        }
    }
}
