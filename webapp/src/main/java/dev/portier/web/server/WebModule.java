package dev.portier.web.server;

import dev.portier.platform.lifecycle.LifecycleListener;
import dev.portier.platform.lifecycle.LocalServer;
import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

/** The HTTP server starts last, when everything it serves is ready, and stops first. */
public final class WebModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(LocalServer.class).to(WebServer.class);
        Multibinder.newSetBinder(binder(), LifecycleListener.class).addBinding().to(WebServer.class);
    }
}
