package dev.portier.server;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import dev.portier.accounts.AccountsModule;
import dev.portier.connections.ConnectionsModule;
import dev.portier.crypto.CryptoModule;
import dev.portier.db.DatabaseModule;
import dev.portier.http.OutboundHttpModule;
import dev.portier.ondemand.OnDemandModule;
import dev.portier.plugins.PluginsModule;
import dev.portier.trust.TrustModule;
import dev.portier.trust.TrustSettings;
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
        // CryptoModule before DatabaseModule: the master key is checked before anything else starts.
        List<Module> modules = List.of(new CoreModule(config, clock), new CryptoModule(), new DatabaseModule(),
                new OutboundHttpModule(), new AccountsModule(), new PluginsModule(), new ConnectionsModule(), new OnDemandModule(),
                new TrustModule(TrustSettings.DEFAULTS), new WebModule());
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
