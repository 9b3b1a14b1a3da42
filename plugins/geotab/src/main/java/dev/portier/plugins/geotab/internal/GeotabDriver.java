package dev.portier.plugins.geotab.internal;

import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.DriverScheduler.Cancellable;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpResponse;
import dev.portier.plugin.api.RemoteCommands;
import dev.portier.plugin.api.ReservationSync;
import dev.portier.plugin.api.SandboxActions;
import dev.portier.plugin.api.StatusDetail;
import dev.portier.plugins.geotab.simulator.KeylessSimulator;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One Geotab Keyless connection: stored virtual keys for reservations, commands, the notification
 * subscription and its webhook, and — in sandbox mode — its own simulated Keyless Service on loopback.
 * {@code initialize()} only starts things; talking to the service runs on the host's scheduler.
 * Thread-safe: the host calls capabilities and the webhook concurrently.
 */
public final class GeotabDriver implements LockDriver, ReservationSync, RemoteCommands, SandboxActions {

    /** How often the subscription and the devices' key-set hashes are checked. */
    static final Duration CHECK_PERIOD = Duration.ofMinutes(5);
    private static final String TOKEN_NAME = "notification-security-token";

    private final GeotabSettings settings;
    private final DriverContext context;
    private final AtomicReference<DriverStatus> reported = new AtomicReference<>();
    private final List<Cancellable> scheduled = new ArrayList<>();
    private final StoredKeys storedKeys;
    private final Commands commands;
    private final Notifications notifications;
    private final GeotabSandbox sandbox;
    private volatile KeylessClient client;
    private volatile KeylessSimulator simulator;
    private volatile SimulatorHttp simulatorHttp;
    private volatile boolean disposed;
    private String securityToken;

    public GeotabDriver(GeotabSettings settings, DriverContext context) {
        this.settings = settings;
        this.context = context;
        if (settings.usable() && !settings.sandbox()) {
            client = new KeylessClient(context.http(), settings.baseUrl(), settings);
        }
        this.storedKeys = new StoredKeys(this, context, new KeyLedger(context.secrets()));
        this.commands = new Commands(this);
        this.notifications = new Notifications(this, context, new HandledNotifications(context.secrets()));
        this.sandbox = new GeotabSandbox(this, context);
    }

    @Override
    public void initialize() {
        if (!settings.usable()) {
            report(DriverStatus.offline(StatusDetail.CONFIGURATION_ERROR, settings.problem()));
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
            // The first check also resynchronises a sandbox whose simulator started empty after a restart.
            scheduled.add(context.scheduler().after(Duration.ZERO, this::checkAndSync));
            scheduled.add(context.scheduler().every(CHECK_PERIOD, this::checkAndSync));
        }
    }

    @Override
    public DriverStatus test() {
        DriverStatus status = settings.usable() ? subscribe()
                : DriverStatus.offline(StatusDetail.CONFIGURATION_ERROR, settings.problem());
        report(status);
        return status;
    }

    @Override
    public void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
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

    /** Asks the Keyless Service to delete every stored key of the vehicle (202), and forgets them. */
    public void cancelAll(LockRef lock) {
        storedKeys.cancelAll(lock);
    }

    /** Compares each vehicle's expected key-set hash with the one it reports, resynchronising on a mismatch. */
    public void checkKeySets() {
        storedKeys.checkKeySets();
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

    /** Whether {@code presented} is this connection's security token; compares in constant time. */
    public boolean acceptsToken(String presented) {
        if (!settings.usable()) {
            return false;
        }
        byte[] expected = securityToken().getBytes(StandardCharsets.UTF_8);
        byte[] given = presented == null ? new byte[0] : presented.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }

    /** Handles a webhook notification whose token this connection accepted. */
    public PluginHttpResponse notification(byte[] body) {
        return notifications.handle(body);
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
                    : settings.problem());
        }
        return current;
    }

    /** The token Geotab presents on notifications: generated once per connection, kept in its secret store. */
    synchronized String securityToken() {
        if (securityToken == null) {
            securityToken = context.secrets().get(TOKEN_NAME).map(b -> new String(b, StandardCharsets.UTF_8)).orElseGet(() -> {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                context.secrets().put(TOKEN_NAME, token.getBytes(StandardCharsets.UTF_8));
                return token;
            });
        }
        return securityToken;
    }

    private void checkAndSync() {
        DriverStatus status = subscribe();
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        report(status);
        if (status.state() == dev.portier.plugin.api.ConnectionState.ONLINE) {
            storedKeys.checkKeySets();
        }
    }

    /** Creates the notification subscription, or modifies it when its webhook or token differ. */
    private DriverStatus subscribe() {
        try {
            KeylessClient keyless = client();
            String webhook = settings.webhookUrl().toString();
            String token = securityToken();
            KeylessClient.Answer current = keyless.subscription();
            if (current.status() == 401) {
                return refusedKey();
            }
            if (current.ok() && webhook.equals(Json.string(current.json(), "webhook"))
                    && token.equals(Json.string(current.json(), "securityToken"))) {
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
