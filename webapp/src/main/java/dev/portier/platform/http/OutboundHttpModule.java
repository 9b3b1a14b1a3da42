package dev.portier.platform.http;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.portier.plugin.api.OutboundHttp;
import dev.portier.platform.lifecycle.LifecycleListener;
import dev.portier.platform.config.PortierConfig;

/**
 * The one guarded HTTP client that plugins get, with the operator's choice about private ranges. Its
 * connections and threads end when the server stops.
 */
public final class OutboundHttpModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(OutboundHttp.class).to(GuardedHttp.class);
        Multibinder.newSetBinder(binder(), LifecycleListener.class).addBinding().to(ClientShutdown.class);
    }

    @Provides
    @Singleton
    GuardedHttp guardedHttp(PortierConfig config) {
        return GuardedHttp.forOperator(config.httpAllowPrivate());
    }

    static final class ClientShutdown implements LifecycleListener {
        private final GuardedHttp http;

        @Inject
        ClientShutdown(GuardedHttp http) {
            this.http = http;
        }

        @Override
        public void start() {
            // The client needs no start; it is created with the injector.
        }

        @Override
        public void stop() {
            http.close();
        }
    }
}
