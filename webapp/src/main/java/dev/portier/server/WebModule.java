package dev.portier.server;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

/** The HTTP server starts last, when everything it serves is ready, and stops first. */
public final class WebModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), LifecycleListener.class).addBinding().to(WebServer.class);
    }
}
