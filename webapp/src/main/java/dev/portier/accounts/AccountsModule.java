package dev.portier.accounts;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.portier.server.LifecycleListener;

/** Accounts: the optional first-owner bootstrap runs once the database is up. */
public final class AccountsModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), LifecycleListener.class).addBinding().to(AdminBootstrap.class);
    }
}
