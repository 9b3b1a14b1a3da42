package dev.portier.identity.users;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.portier.platform.lifecycle.LifecycleListener;

/** Accounts: the optional first-owner bootstrap runs once the database is up. */
public final class UsersModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), LifecycleListener.class).addBinding().to(AdminBootstrap.class);
    }
}
