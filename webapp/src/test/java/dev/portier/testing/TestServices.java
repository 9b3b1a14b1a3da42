package dev.portier.testing;

import dev.portier.domain.DomainModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import dev.portier.identity.users.SetupService;
import dev.portier.platform.crypto.CryptoModule;
import dev.portier.platform.db.DatabaseModule;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.server.CoreModule;
import dev.portier.platform.lifecycle.Lifecycle;
import dev.portier.platform.config.PortierConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Portier's services over a real database without the web server: a SQLite file in a temp dir, or in the
 * PostgreSQL run that directory's own schema (see {@link TestDatabase}).
 */
public final class TestServices implements AutoCloseable {

    public static final String PASSWORD = "correct horse battery";

    private final Injector injector;
    private final Lifecycle lifecycle;

    public TestServices(Path dir, Clock clock) {
        this(PortierConfig.forDataDir(dir), clock);
    }

    /** The services, plus {@code extra} modules (e.g. the plugin host) started after the database. */
    public TestServices(PortierConfig config, Clock clock, Module... extra) {
        List<Module> modules = new ArrayList<>(List.of(new CoreModule(TestDatabase.adapt(config), clock), new CryptoModule(), new DatabaseModule(),
                new DomainModule(), new dev.portier.access.whatif.WhatIfModule()));
        modules.addAll(List.of(extra));
        injector = Guice.createInjector(Stage.PRODUCTION, modules);
        lifecycle = injector.getInstance(Lifecycle.class);
        lifecycle.start();
    }

    public <T> T get(Class<T> type) {
        return injector.getInstance(type);
    }

    /** Sets Portier up with one account "Acme" (Europe/Oslo) owned by owner@example.com. */
    public SignedInUser setUpOwner() {
        return get(SetupService.class).setUp(new SetupService.FirstOwner("Acme", "Europe/Oslo", "Olivia Owner",
                "owner@example.com", PASSWORD));
    }

    @Override
    public void close() {
        lifecycle.stop();
    }
}
