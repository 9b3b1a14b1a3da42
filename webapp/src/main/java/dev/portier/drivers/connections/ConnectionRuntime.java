package dev.portier.drivers.connections;

import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.LegacyEndpointRouting;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.access.AccessDecisions;
import dev.portier.drivers.connections.ConnectionCrypto;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.LeasedWork;
import dev.portier.platform.db.Leases;
import dev.portier.drivers.connections.ConnectionEvents;
import dev.portier.domain.people.PersonService;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.OutboundHttp;
import dev.portier.plugin.api.StatusDetail;
import dev.portier.drivers.plugins.DriverCallResult;
import dev.portier.drivers.plugins.DriverCalls;
import dev.portier.drivers.plugins.DriverFactories;
import dev.portier.drivers.plugins.LoadedDriverFactory;
import dev.portier.platform.lifecycle.LifecycleListener;
import java.time.Clock;
import dev.portier.platform.webhooks.WebhookEventType;
import dev.portier.platform.webhooks.WebhookEvents;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs a driver for every connection whose plugin is started: creates it through {@link DriverCalls}
 * ({@code factory.create} then {@code initialize}), keeps its latest status, restarts it when the
 * connection changes and disposes it when the connection is deleted or Portier stops. A driver that
 * throws or hangs only marks its own connection OFFLINE with the error. Starts after the plugin host.
 *
 * <p>Every instance runs every connection's driver (webhooks and the UI reach any of them), but the
 * connection's background work — the driver's scheduled tasks, event pulling, lock discovery — runs only
 * in the instance holding the connection's lease ({@link #runsBackgroundWork}).
 */
@Singleton
public final class ConnectionRuntime implements LifecycleListener {

    private static final int TIMER_THREADS = 4;

    private final Database database;
    private final Leases leases;
    private final DriverFactories factories;
    private final DriverCalls calls;
    private final ConnectionCrypto crypto;
    private final OutboundHttp http;
    private final AccessDecisions decisions;
    private final PersonService people;
    private final ConnectionEvents events;
    private final PhoneMaterials phoneMaterials;
    private final LockHealthReports health;
    private final Clock clock;
    private final Set<ConnectionDriverListener> listeners;
    private final WebhookEvents webhooks;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, DriverStatus> statuses = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService timer;

    /** A connection whose driver was created. */
    private record Running(Connection connection, LoadedDriverFactory factory, LockDriver driver,
            HostDriverContext context, LeasedWork work) {
    }

    @Inject
    ConnectionRuntime(Database database, Leases leases, DriverFactories factories, DriverCalls calls, ConnectionCrypto crypto,
            OutboundHttp http, AccessDecisions decisions, PersonService people, ConnectionEvents events,
            PhoneMaterials phoneMaterials, LockHealthReports health, Clock clock, Set<ConnectionDriverListener> listeners,
            WebhookEvents webhooks) {
        this.webhooks = webhooks;
        this.listeners = listeners;
        this.phoneMaterials = phoneMaterials;
        this.health = health;
        this.database = database;
        this.leases = leases;
        this.factories = factories;
        this.calls = calls;
        this.crypto = crypto;
        this.http = http;
        this.decisions = decisions;
        this.people = people;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void start() {
        AtomicInteger count = new AtomicInteger();
        timer = Executors.newScheduledThreadPool(TIMER_THREADS, task -> {
            Thread thread = new Thread(task, "portier-driver-timer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        database.jdbi().withHandle(ConnectionService::all).forEach(this::launch);
    }

    @Override
    public void stop() {
        running.keySet().forEach(id -> dispose(id, false));
        statuses.clear();
        ScheduledExecutorService stopping = timer;
        timer = null;
        if (stopping != null) {
            stopping.shutdownNow();
        }
    }

    /** The latest status of the connection: what its driver reported, or why it does not run. */
    public DriverStatus status(String connectionId) {
        Running current = running.get(connectionId);
        return current != null ? current.context().status() : statuses.getOrDefault(connectionId, DriverStatus.initializing());
    }

    /** Disposes the connection's driver, if any, and starts it again with the stored settings. */
    void restart(String accountId, String connectionId) {
        dispose(connectionId, false);
        if (timer != null) {
            database.jdbi().withHandle(h -> ConnectionService.findIfAny(h, accountId, connectionId)).ifPresent(this::launch);
        }
    }

    /** Disposes the connection's driver and forgets its status. */
    void remove(String connectionId) {
        dispose(connectionId, true);
        statuses.remove(connectionId);
    }

    /**
     * Checks the connection now ({@code driver.test()} on a worker, with the time limit) and keeps the
     * answer as its status.
     */
    DriverStatus test(String connectionId) {
        Running current = running.get(connectionId);
        if (current == null) {
            return status(connectionId);
        }
        DriverCallResult<DriverStatus> result = calls.call(current.factory().pluginId(),
                current.connection().name() + ": test", inLoader(current, () -> current.driver().test()));
        DriverStatus status = switch (result) {
            case DriverCallResult.Succeeded<DriverStatus> ok -> ok.value() == null
                    ? DriverStatus.offline(StatusDetail.DRIVER_ERROR, "The driver's test answered nothing") : ok.value();
            case DriverCallResult.Failed<DriverStatus> failed -> DriverStatus.offline(StatusDetail.DRIVER_ERROR, failed.message());
        };
        current.context().reportStatus(status);
        return status;
    }

    /**
     * Calls one capability of the connection's running driver on a worker, with the time limit. Fails
     * (never throws) when the connection does not run or its driver lacks the capability.
     *
     * @param what a few words for logs and messages, e.g. "issue key"
     */
    public <C, T> DriverCallResult<T> callCapability(String connectionId, Class<C> capability, String what,
            Function<C, T> call) {
        Running current = running.get(connectionId);
        if (current == null) {
            return new DriverCallResult.Failed<>(DriverCallResult.Reason.UNAVAILABLE,
                    "The connection is not running", null);
        }
        if (!capability.isInstance(current.driver())) {
            return new DriverCallResult.Failed<>(DriverCallResult.Reason.UNAVAILABLE, "The driver '"
                    + current.factory().pluginId() + "' cannot " + what + " (no " + capability.getSimpleName() + ")", null);
        }
        return calls.call(current.factory().pluginId(), current.connection().name() + ": " + what,
                inLoader(current, () -> call.apply(capability.cast(current.driver()))));
    }

    /**
     * Whether the connection's background work (scheduled tasks, event pulling, lock discovery) runs in this
     * instance now: its driver runs here and this instance holds the connection's lease.
     */
    public boolean runsBackgroundWork(String connectionId) {
        Running current = running.get(connectionId);
        return current != null && current.work().held();
    }

    /** Whether the connection runs now and its driver implements {@code capability}. */
    public boolean offers(String connectionId, Class<?> capability) {
        Running current = running.get(connectionId);
        return current != null && capability.isInstance(current.driver());
    }

    /** Whether the connection runs now on a driver of {@code pluginId}. */
    public boolean runs(String pluginId, String connectionId) {
        Running current = running.get(connectionId);
        return current != null && current.factory().pluginId().equals(pluginId);
    }

    /** The settings of the running connections of {@code pluginId}, in every account (for the old, connection-less URLs). */
    @SuppressWarnings("removal")
    public List<LegacyEndpointRouting.ConnectionSettings> settingsOf(String pluginId) {
        return running.values().stream()
                .filter(r -> r.factory().pluginId().equals(pluginId))
                .map(r -> new LegacyEndpointRouting.ConnectionSettings(r.connection().id(), r.context().configuration()))
                .toList();
    }

    /** The context the connection's running driver was given (for the host's own checks and tests). */
    public Optional<DriverContext> context(String connectionId) {
        return Optional.ofNullable(running.get(connectionId)).map(Running::context);
    }

    /** The plugin that runs the connection's driver now, if it runs. */
    public Optional<String> pluginOf(String connectionId) {
        return Optional.ofNullable(running.get(connectionId)).map(r -> r.factory().pluginId());
    }

    private void launch(Connection connection) {
        Optional<LoadedDriverFactory> found = factories.byId(connection.driverId());
        if (found.isEmpty()) {
            statuses.put(connection.id(), DriverStatus.offline(StatusDetail.CONFIGURATION_ERROR,
                    "No started plugin offers the driver '" + connection.driverId() + "'"));
            return;
        }
        LoadedDriverFactory factory = found.get();
        DriverConfiguration configuration = new DriverConfiguration(ConnectionService.configuration(connection, crypto));
        ClassLoader loader = factory.factory().getClass().getClassLoader();
        LeasedWork work = leases.work("connection:" + connection.id());
        ConnectionScheduler scheduler = new ConnectionScheduler(factory.pluginId(), connection.name(), loader, timer, calls, work);
        ConnectionLocks locks = new ConnectionLocks(connection.accountId(), connection.id(), database);
        HostDriverContext context = new HostDriverContext(connection.id(), configuration, new HostDriverContext.Parts(clock,
                http, crypto.secrets(connection.id()), crypto.driverSigner(connection.id()), scheduler,
                new HostAccessDecider(connection.accountId(), decisions, people, database),
                events.sinkFor(connection.accountId(), connection.id()), locks,
                phoneMaterials.publisherFor(connection.accountId(), connection.id(), locks),
                report -> health.report(connection.accountId(), locks, report),
                (before, after) -> statusChanged(connection, before, after)));
        DriverCallResult<LockDriver> created = calls.call(factory.pluginId(), connection.name() + ": create driver",
                DriverCalls.inLoader(loader, () -> factory.factory().create(configuration, context)));
        if (!(created instanceof DriverCallResult.Succeeded<LockDriver> ok) || ok.value() == null) {
            scheduler.cancelAll();
            work.close();
            statuses.put(connection.id(), DriverStatus.offline(StatusDetail.DRIVER_ERROR,
                    created instanceof DriverCallResult.Failed<LockDriver> failed ? failed.message()
                            : "The factory created no driver"));
            return;
        }
        Running started = new Running(connection, factory, ok.value(), context, work);
        statuses.remove(connection.id());
        running.put(connection.id(), started);
        DriverCallResult<Object> initialized = calls.call(factory.pluginId(), connection.name() + ": initialize",
                inLoader(started, () -> {
                    started.driver().initialize();
                    return null;
                }));
        if (initialized instanceof DriverCallResult.Failed<Object> failed) {
            context.reportStatus(DriverStatus.offline(StatusDetail.DRIVER_ERROR, failed.message()));
        }
        listeners.forEach(l -> l.started(connection.accountId(), connection.id()));
    }

    /**
     * {@code connection.status_changed} to the account's webhooks (the status lives in memory, so the event has a
     * transaction of its own); a driver coming up after a start is no change worth telling.
     */
    private void statusChanged(Connection connection, DriverStatus before, DriverStatus after) {
        if (before.detail() == StatusDetail.INITIALIZING && after.state() == dev.portier.plugin.api.ConnectionState.ONLINE) {
            return;
        }
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("connectionId", connection.id());
        data.put("previousState", before.state().name());
        data.put("state", after.state().name());
        data.put("detail", after.detail().name());
        data.put("message", after.message());
        try {
            database.jdbi().useTransaction(h -> webhooks.publish(h, connection.accountId(),
                    WebhookEventType.CONNECTION_STATUS_CHANGED, "connection:" + connection.id(), data));
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ConnectionRuntime.class)
                    .warn("Connection {}: the status change could not be published to webhooks", connection.id(), e);
        }
    }

    private void dispose(String connectionId, boolean deleted) {
        listeners.forEach(l -> l.stopping(connectionId, deleted));
        Running stopping = running.remove(connectionId);
        if (stopping == null) {
            return;
        }
        stopping.context().connectionScheduler().cancelAll();
        calls.call(stopping.factory().pluginId(), stopping.connection().name() + ": dispose", inLoader(stopping, () -> {
            stopping.driver().dispose();
            return null;
        }));
        stopping.work().close();
    }

    private static <T> java.util.concurrent.Callable<T> inLoader(Running r, java.util.concurrent.Callable<T> call) {
        return DriverCalls.inLoader(r.factory().factory().getClass().getClassLoader(), call);
    }
}
