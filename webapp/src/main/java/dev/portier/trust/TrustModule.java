package dev.portier.trust;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.portier.grants.GrantListener;
import dev.portier.server.LifecycleListener;

/** The trust service: devices, lock enrolments, keys and revocation lists. Install after {@code ConnectionsModule}. */
public final class TrustModule extends AbstractModule {

    private final TrustSettings settings;

    public TrustModule(TrustSettings settings) {
        this.settings = settings;
    }

    @Override
    protected void configure() {
        bind(TrustSettings.class).toInstance(settings);
        Multibinder.newSetBinder(binder(), GrantListener.class).addBinding().to(KeysFollowGrants.class);
        Multibinder.newSetBinder(binder(), LifecycleListener.class).addBinding().to(KeyMaintenance.class);
    }
}
