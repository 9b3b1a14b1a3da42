package dev.portier.drivers.pulling;

import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import dev.portier.domain.events.EventLog;
import dev.portier.drivers.connections.ConnectionDriverListener;
import dev.portier.drivers.connections.ConnectionEvents;
import dev.portier.drivers.connections.ConnectionRuntime;
import dev.portier.platform.db.Database;
import dev.portier.platform.lifecycle.LifecycleListener;
import dev.portier.plugin.api.EventPulling;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls the events of every running connection whose driver implements {@link EventPulling}: starts a
 * {@link ConnectionPuller} when the connection's driver starts and stops it before the driver is
 * disposed. Its timer lives from {@link #start()} to {@link #stop()}, so it must start before the
 * connection runtime (install {@code PullingModule} before {@code ConnectionsModule}); it then stops
 * after it, when every puller has already been stopped.
 */
@Singleton
final class EventPullSchedule implements LifecycleListener, ConnectionDriverListener {

    private static final Logger log = LoggerFactory.getLogger(EventPullSchedule.class);
    private static final int TIMER_THREADS = 2;

    // A provider: the runtime tells this schedule about its drivers, and this schedule calls the runtime.
    private final Provider<ConnectionRuntime> runtime;
    private final EventPullStore store;
    private final PulledEventRecorder recorder;
    private final PullTiming timing;
    private final Clock clock;
    private final Map<String, ConnectionPuller> pullers = new ConcurrentHashMap<>();
    private final Map<String, Lock> roundLocks = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService timer;

    @Inject
    EventPullSchedule(Provider<ConnectionRuntime> runtime, Database database, EventLog events, ConnectionEvents subjects,
            PullTiming timing, Clock clock) {
        this.runtime = runtime;
        this.store = new EventPullStore(database);
        this.recorder = new PulledEventRecorder(events, subjects);
        this.timing = timing;
        this.clock = clock;
    }

    @Override
    public void start() {
        AtomicInteger count = new AtomicInteger();
        timer = Executors.newScheduledThreadPool(TIMER_THREADS, task -> {
            Thread thread = new Thread(task, "portier-event-pull-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void stop() {
        pullers.keySet().forEach(id -> stopping(id, false));
        ScheduledExecutorService stopping = timer;
        timer = null;
        if (stopping != null) {
            stopping.shutdownNow();
        }
    }

    @Override
    public void started(String accountId, String connectionId) {
        ScheduledExecutorService current = timer;
        if (current == null) {
            log.warn("Connection {} started while event pulling does not run; its events are not pulled", connectionId);
            return;
        }
        ConnectionRuntime connections = runtime.get();
        if (!connections.offers(connectionId, EventPulling.class)) {
            return;
        }
        ConnectionPuller puller = new ConnectionPuller(accountId, connectionId,
                new ConnectionPuller.Parts(connections, store, recorder, timing, clock, current),
                roundLocks.computeIfAbsent(connectionId, id -> new ReentrantLock()));
        ConnectionPuller previous = pullers.put(connectionId, puller);
        if (previous != null) {
            previous.stop();
        }
        puller.start();
    }

    @Override
    public void stopping(String connectionId, boolean deleted) {
        ConnectionPuller puller = pullers.remove(connectionId);
        if (puller != null) {
            puller.stop();
        }
        if (deleted) {
            roundLocks.remove(connectionId);
            store.delete(connectionId);
        }
    }

    /** Whether the connection's events are being pulled now. */
    boolean pulls(String connectionId) {
        return pullers.containsKey(connectionId);
    }
}
