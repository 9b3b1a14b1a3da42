package dev.portier.drivers.sync;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.portier.domain.grants.GrantChangeParticipant;
import dev.portier.domain.grants.GrantListener;
import dev.portier.domain.holidays.HolidayListener;
import dev.portier.domain.sites.SiteListener;
import dev.portier.platform.lifecycle.LifecycleListener;

/**
 * Grant sync: the desired state per grant × lock × holder, written with each grant change, and the
 * worker that applies it at grant-syncing vendors. Install after {@code ConnectionsModule}.
 */
public final class SyncModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), GrantChangeParticipant.class).addBinding().to(DesiredGrantState.class);
        Multibinder.newSetBinder(binder(), GrantListener.class).addBinding().to(GrantSyncWorker.class);
        Multibinder.newSetBinder(binder(), HolidayListener.class).addBinding().to(GrantsFollowSiteChanges.class);
        Multibinder.newSetBinder(binder(), SiteListener.class).addBinding().to(GrantsFollowSiteChanges.class);
        Multibinder.newSetBinder(binder(), LifecycleListener.class).addBinding().to(GrantSyncWorker.class);
    }
}
