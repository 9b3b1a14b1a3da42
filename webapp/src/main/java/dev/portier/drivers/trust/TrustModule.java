package dev.portier.drivers.trust;

import dev.portier.domain.locks.LockReferences;
import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.portier.domain.cards.CardListener;
import dev.portier.domain.grants.GrantListener;
import dev.portier.platform.lifecycle.LifecycleListener;

/** The trust service: devices, lock enrolments, phone and card keys, and revocation lists. Install after {@code ConnectionsModule}. */
public final class TrustModule extends AbstractModule {

    private final TrustSettings settings;

    public TrustModule(TrustSettings settings) {
        this.settings = settings;
    }

    @Override
    protected void configure() {
        bind(TrustSettings.class).toInstance(settings);
        Multibinder.newSetBinder(binder(), GrantListener.class).addBinding().to(KeysFollowGrants.class);
        Multibinder.newSetBinder(binder(), CardListener.class).addBinding().to(KeysFollowCards.class);
        Multibinder.newSetBinder(binder(), dev.portier.domain.holidays.HolidayListener.class).addBinding().to(KeysFollowGrants.class);
        Multibinder.newSetBinder(binder(), LockReferences.class).addBinding().to(TrustOfLock.class);
        Multibinder<LifecycleListener> lifecycle = Multibinder.newSetBinder(binder(), LifecycleListener.class);
        lifecycle.addBinding().to(KeysFollowGrants.class);
        lifecycle.addBinding().to(KeyMaintenance.class);
    }
}
