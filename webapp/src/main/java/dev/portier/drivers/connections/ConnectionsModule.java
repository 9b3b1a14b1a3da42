package dev.portier.drivers.connections;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.portier.domain.locks.LockReferences;
import dev.portier.platform.lifecycle.LifecycleListener;

/** Connections run after the plugin host has started (install this module after {@code PluginsModule}). */
public final class ConnectionsModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder<LifecycleListener> lifecycle = Multibinder.newSetBinder(binder(), LifecycleListener.class);
        lifecycle.addBinding().to(ConnectionRuntime.class);
        lifecycle.addBinding().to(CertificateExpiryWarnings.class);
        // Declared here so that the runtime runs without listeners; event pulling adds one.
        Multibinder.newSetBinder(binder(), ConnectionDriverListener.class);
        Multibinder.newSetBinder(binder(), DriverEventListener.class);
        Multibinder.newSetBinder(binder(), LockReferences.class).addBinding().to(ConnectionOfLock.class);
    }
}
