package dev.portier.drivers.discovery;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.portier.domain.locks.LockReferences;
import dev.portier.drivers.connections.ConnectionDriverListener;
import dev.portier.platform.lifecycle.LifecycleListener;

/**
 * Lock discovery per connection. Install it before {@code ConnectionsModule}: its timer starts before the
 * connections' drivers do, and stops after them.
 */
public final class DiscoveryModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), LifecycleListener.class).addBinding().to(DiscoverySchedule.class);
        Multibinder.newSetBinder(binder(), ConnectionDriverListener.class).addBinding().to(DiscoverySchedule.class);
        Multibinder.newSetBinder(binder(), LockReferences.class).addBinding().to(DiscoveredLockReferences.class);
    }
}
