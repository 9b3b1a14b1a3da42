package dev.portier.server;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.portier.grants.GrantListener;
import java.time.Clock;

/** The configuration and the clock everything else reads. */
public final class CoreModule extends AbstractModule {

    private final PortierConfig config;
    private final Clock clock;

    public CoreModule(PortierConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    protected void configure() {
        bind(PortierConfig.class).toInstance(config);
        bind(Clock.class).toInstance(clock);
        // Empty unless a module adds listeners (the trust service does): grants work without them.
        Multibinder.newSetBinder(binder(), GrantListener.class);
    }
}
