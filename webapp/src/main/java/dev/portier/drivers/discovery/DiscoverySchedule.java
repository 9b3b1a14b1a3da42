package dev.portier.drivers.discovery;

import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import dev.portier.drivers.connections.ConnectionDriverListener;
import dev.portier.drivers.connections.ConnectionRuntime;
import dev.portier.drivers.plugins.DriverCallResult;
import dev.portier.platform.lifecycle.LifecycleListener;
import dev.portier.plugin.api.LockDiscovery;
import dev.portier.plugin.api.LockDiscovery.DiscoveredLock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link LockDiscovery#discover()} for every running connection whose driver implements it: when its
 * driver starts, every {@link LockDiscovery#discoveryInterval()} (at least a minute), and when someone asks.
 * One discovery per connection at a time; a request while one runs is answered by that one. Its timer lives
 * from {@link #start()} to {@link #stop()}: install {@code DiscoveryModule} before {@code ConnectionsModule}.
 */
@Singleton
final class DiscoverySchedule implements LifecycleListener, ConnectionDriverListener {

    private static final Logger log = LoggerFactory.getLogger(DiscoverySchedule.class);
    private static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
    private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);

    /** One connection's discovery: its periodic task and whether a round runs now. */
    private record Discoverer(String accountId, ScheduledFuture<?> periodic, AtomicBoolean running) {
    }

    private final Provider<ConnectionRuntime> runtime;
    private final Provider<LockDiscoveries> discoveries;
    private final Map<String, Discoverer> discoverers = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService timer;

    @Inject
    DiscoverySchedule(Provider<ConnectionRuntime> runtime, Provider<LockDiscoveries> discoveries) {
        this.runtime = runtime;
        this.discoveries = discoveries;
    }

    @Override
    public void start() {
        timer = Executors.newScheduledThreadPool(1, Thread.ofPlatform().name("portier-lock-discovery-", 1).daemon().factory());
    }

    @Override
    public void stop() {
        discoverers.keySet().forEach(id -> stopping(id, false));
        ScheduledExecutorService stopping = timer;
        timer = null;
        if (stopping != null) {
            stopping.shutdownNow();
        }
    }

    @Override
    public void started(String accountId, String connectionId) {
        ScheduledExecutorService current = timer;
        ConnectionRuntime connections = runtime.get();
        if (current == null || !connections.offers(connectionId, LockDiscovery.class)) {
            return;
        }
        Duration interval = switch (connections.callCapability(connectionId, LockDiscovery.class, "tell its discovery interval",
                LockDiscovery::discoveryInterval)) {
            case DriverCallResult.Succeeded<Duration> ok when ok.value() != null && ok.value().compareTo(MIN_INTERVAL) >= 0 -> ok.value();
            case DriverCallResult.Succeeded<Duration> ok when ok.value() != null -> MIN_INTERVAL;
            default -> DEFAULT_INTERVAL;
        };
        AtomicBoolean running = new AtomicBoolean();
        ScheduledFuture<?> periodic = current.scheduleWithFixedDelay(() -> {
            // Periodic discovery runs in the instance running the connection's background work; asked-for ones anywhere.
            if (runtime.get().runsBackgroundWork(connectionId)) {
                round(accountId, connectionId, running);
            }
        }, 0,
                interval.toMillis(), TimeUnit.MILLISECONDS);
        Discoverer previous = discoverers.put(connectionId, new Discoverer(accountId, periodic, running));
        if (previous != null) {
            previous.periodic().cancel(false);
        }
    }

    @Override
    public void stopping(String connectionId, boolean deleted) {
        Discoverer discoverer = discoverers.remove(connectionId);
        if (discoverer != null) {
            discoverer.periodic().cancel(false);
        }
        if (deleted) {
            discoveries.get().forget(connectionId);
        }
    }

    boolean discovers(String connectionId) {
        return discoverers.containsKey(connectionId);
    }

    boolean isRunning(String connectionId) {
        Discoverer discoverer = discoverers.get(connectionId);
        return discoverer != null && discoverer.running().get();
    }

    /** Runs a discovery of the connection soon; false when it does not discover locks. */
    boolean requestNow(String connectionId) {
        Discoverer discoverer = discoverers.get(connectionId);
        ScheduledExecutorService current = timer;
        if (discoverer == null || current == null) {
            return false;
        }
        current.execute(() -> round(discoverer.accountId(), connectionId, discoverer.running()));
        return true;
    }

    private void round(String accountId, String connectionId, AtomicBoolean running) {
        if (!running.compareAndSet(false, true)) {
            return; // the round under way answers this request too
        }
        try {
            switch (runtime.get().callCapability(connectionId, LockDiscovery.class, "list the vendor's locks", LockDiscovery::discover)) {
                case DriverCallResult.Succeeded<List<DiscoveredLock>> ok when ok.value() != null -> {
                    int created = discoveries.get().apply(accountId, connectionId, ok.value());
                    if (created > 0) {
                        log.info("Connection {}: {} lock(s) imported from the vendor", connectionId, created);
                    }
                }
                case DriverCallResult.Succeeded<List<DiscoveredLock>> ok ->
                        discoveries.get().failed(accountId, connectionId, "The driver listed nothing (no answer)");
                case DriverCallResult.Failed<List<DiscoveredLock>> failed -> {
                    String cause = failed.cause() == null || failed.cause().getMessage() == null ? "" : ": " + failed.cause().getMessage();
                    discoveries.get().failed(accountId, connectionId, failed.message() + cause);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Connection {}: lock discovery failed; it runs again later", connectionId, e);
            discoveries.get().failed(accountId, connectionId, e.getMessage());
        } finally {
            running.set(false);
        }
    }
}
