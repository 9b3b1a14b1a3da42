package dev.portier.drivers.plugins;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.portier.platform.lifecycle.LifecycleListener;

/** Plugins start after the database and before the web server, which serves their endpoints. */
public final class PluginsModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), LifecycleListener.class).addBinding().to(PluginHost.class);
    }
}
