package dev.portier.drivers.pulling;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.portier.drivers.connections.ConnectionDriverListener;
import dev.portier.platform.lifecycle.LifecycleListener;

/**
 * Event pulling per connection. Install it before {@code ConnectionsModule}: its timer starts before
 * the connections' drivers do, and stops after them.
 */
public final class PullingModule extends AbstractModule {

    private final PullTiming timing;

    public PullingModule(PullTiming timing) {
        this.timing = timing;
    }

    @Override
    protected void configure() {
        bind(PullTiming.class).toInstance(timing);
        Multibinder.newSetBinder(binder(), LifecycleListener.class).addBinding().to(EventPullSchedule.class);
        Multibinder.newSetBinder(binder(), ConnectionDriverListener.class).addBinding().to(EventPullSchedule.class);
    }
}
