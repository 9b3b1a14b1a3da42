package dev.portier.web.server;

import dev.portier.platform.config.PortierConfig;
import com.google.inject.AbstractModule;
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
    }
}
