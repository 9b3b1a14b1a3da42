package dev.portier.web.server;

import dev.portier.domain.DomainModule;
import dev.portier.drivers.vehicles.VehiclesModule;
import dev.portier.platform.config.PortierConfig;
import dev.portier.platform.lifecycle.Lifecycle;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import dev.portier.identity.users.UsersModule;
import dev.portier.drivers.connections.ConnectionsModule;
import dev.portier.platform.crypto.CryptoModule;
import dev.portier.platform.db.DatabaseModule;
import dev.portier.platform.http.OutboundHttpModule;
import dev.portier.platform.webhooks.WebhooksModule;
import dev.portier.drivers.ondemand.OnDemandModule;
import dev.portier.drivers.plugins.PluginsModule;
import dev.portier.drivers.pulling.PullTiming;
import dev.portier.drivers.discovery.DiscoveryModule;
import dev.portier.drivers.pulling.PullingModule;
import dev.portier.drivers.trust.TrustModule;
import dev.portier.drivers.sync.SyncModule;
import dev.portier.drivers.trust.TrustSettings;
import java.time.Clock;
import java.util.List;

/** A running Portier: builds the injector, starts the lifecycle, stops it once. */
public final class PortierServer implements AutoCloseable {

    private final Injector injector;
    private final Lifecycle lifecycle;

    private PortierServer(Injector injector) {
        this.injector = injector;
        this.lifecycle = injector.getInstance(Lifecycle.class);
    }

    public static PortierServer start(PortierConfig config) {
        return start(config, Clock.systemUTC());
    }

    public static PortierServer start(PortierConfig config, Clock clock) {
        return start(config, clock, PullTiming.DEFAULTS);
    }

    /** Like {@link #start(PortierConfig, Clock)}, pulling drivers' events with {@code pulling} (tests pull fast). */
    public static PortierServer start(PortierConfig config, Clock clock, PullTiming pulling) {
        // CryptoModule before DatabaseModule: the master key is checked before anything else starts.
        List<Module> modules = List.of(new CoreModule(config, clock), new CryptoModule(), new DatabaseModule(), new DomainModule(), new dev.portier.access.whatif.WhatIfModule(),
                new VehiclesModule(), new OutboundHttpModule(), new WebhooksModule(), new UsersModule(), new PluginsModule(), new PullingModule(pulling), new DiscoveryModule(),
                new ConnectionsModule(), new SyncModule(), new OnDemandModule(), new TrustModule(TrustSettings.DEFAULTS),
                new WebModule());
        PortierServer server = new PortierServer(Guice.createInjector(Stage.PRODUCTION, modules));
        server.lifecycle.start();
        return server;
    }

    public int port() {
        return injector.getInstance(WebServer.class).port();
    }

    public Injector injector() {
        return injector;
    }

    @Override
    public void close() {
        lifecycle.stop();
    }
}
