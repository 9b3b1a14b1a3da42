package dev.portier.platform.db;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.portier.platform.lifecycle.LifecycleListener;

/** The database starts first and stops last; the leases on background work right after it. */
public final class DatabaseModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), LifecycleListener.class).addBinding().to(Database.class);
        Multibinder.newSetBinder(binder(), LifecycleListener.class).addBinding().to(Leases.class);
    }
}
