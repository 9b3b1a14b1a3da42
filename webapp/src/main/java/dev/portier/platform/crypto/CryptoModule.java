package dev.portier.platform.crypto;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.portier.platform.lifecycle.LifecycleListener;

/**
 * The master key and what encrypts with it. The key loads at start, before the database (install
 * this module before {@code DatabaseModule}): an unreadable, malformed or exposed key stops the
 * start with a message instead of failing later, when a connection first needs a secret.
 */
public final class CryptoModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), LifecycleListener.class).addBinding().to(MasterKey.class);
    }
}
