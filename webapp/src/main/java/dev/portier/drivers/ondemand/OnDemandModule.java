package dev.portier.drivers.ondemand;

import com.google.inject.AbstractModule;

/** On-demand keys decided by an account's external endpoint: its settings and the calls to it. */
public final class OnDemandModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(DecisionEndpoints.class);
        bind(ExternalDecisions.class);
    }
}
