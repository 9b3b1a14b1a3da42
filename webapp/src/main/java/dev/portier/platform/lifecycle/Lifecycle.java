package dev.portier.platform.lifecycle;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts every {@link LifecycleListener} in binding order and stops the started ones in reverse. */
@Singleton
public final class Lifecycle {

    private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);

    private final Set<LifecycleListener> listeners;
    private final Deque<LifecycleListener> started = new ArrayDeque<>();

    @Inject
    Lifecycle(Set<LifecycleListener> listeners) {
        this.listeners = listeners;
    }

    public synchronized void start() {
        for (LifecycleListener listener : listeners) {
            try {
                listener.start();
                started.push(listener);
            } catch (Exception e) {
                stop();
                throw new IllegalStateException("Could not start " + listener.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
        }
    }

    public synchronized void stop() {
        while (!started.isEmpty()) {
            LifecycleListener listener = started.pop();
            try {
                listener.stop();
            } catch (Exception e) {
                log.warn("Stopping {} failed", listener.getClass().getSimpleName(), e);
            }
        }
    }
}
