package dev.portier.access.whatif;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.portier.domain.grants.GrantChangeParticipant;

/** The what-if's note of changed grants, and the port where the drivers layer adds vendor limits. */
public final class WhatIfModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), GrantChangeParticipant.class).addBinding().to(ChangedGrants.class);
        Multibinder.newSetBinder(binder(), VendorLimits.class);
    }
}
