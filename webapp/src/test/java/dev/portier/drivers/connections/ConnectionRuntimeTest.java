package dev.portier.drivers.connections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.platform.http.OutboundHttpModule;
import dev.portier.plugin.api.ConnectionState;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.StatusDetail;
import dev.portier.drivers.plugins.DriverFactories;
import dev.portier.drivers.plugins.PluginsModule;
import dev.portier.drivers.plugins.RunningConnections;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.config.PortierConfig;
import dev.portier.testing.ExamplePlugin;
import dev.portier.testing.PluginJars;
import dev.portier.testing.TestServices;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime runs the example plugin's real driver against a door controller on loopback. */
class ConnectionRuntimeTest {

    static final String KEY = "controller-key-123";

    @TempDir
    Path dir;
    ExamplePlugin.Controller controller;
    TestServices services;
    ConnectionService connections;
    SignedInUser owner;

    @BeforeEach
    void start() throws Exception {
        ExamplePlugin.install(dir);
        PluginJars.plugin("failing-plugin").extension("test.failing.Factory", FAILING).writeTo(dir.resolve("plugins"));
        controller = new ExamplePlugin.Controller(KEY);
        // The controller listens on loopback, which the guarded client refuses unless private ranges are allowed.
        PortierConfig config = PortierConfig.forDataDir(dir).withHttpAllowPrivate();
        services = new TestServices(config, Clock.systemUTC(), new OutboundHttpModule(), new PluginsModule(), new ConnectionsModule());
        connections = services.get(ConnectionService.class);
        owner = services.setUpOwner();
    }

    @AfterEach
    void stop() {
        services.close();
        controller.close();
    }

    @Test
    void aConnectionGoesOnlineAndAChangedKeyTakesItOfflineAfterARestart() {
        Connection door = connections.create(owner, new ConnectionDraft("Controller", ExamplePlugin.DRIVER_ID,
                Map.of("baseUrl", controller.url(), "apiKey", KEY)));
        awaitStatus(door.id(), s -> s.state() == ConnectionState.ONLINE);
        String pluginId = services.get(DriverFactories.class).byId(ExamplePlugin.DRIVER_ID).orElseThrow().pluginId();
        assertThat(services.get(RunningConnections.class).of(pluginId)).singleElement()
                .satisfies(c -> assertThat(c.connectionId()).isEqualTo(door.id()));

        connections.update(owner, door.id(), new ConnectionDraft("Controller", null,
                Map.of("baseUrl", controller.url(), "apiKey", "wrong-key")));
        DriverStatus refused = awaitStatus(door.id(), s -> s.state() == ConnectionState.OFFLINE);
        assertThat(refused.detail()).isEqualTo(StatusDetail.AUTHENTICATION_ERROR);
        assertThat(connections.test(owner, door.id()).detail()).isEqualTo(StatusDetail.AUTHENTICATION_ERROR);

        connections.update(owner, door.id(), new ConnectionDraft("Controller", null,
                Map.of("baseUrl", controller.url(), "apiKey", KEY)));
        assertThat(connections.test(owner, door.id()).state()).isEqualTo(ConnectionState.ONLINE);

        connections.delete(owner, door.id());
        assertThat(services.get(RunningConnections.class).of(pluginId)).isEmpty();
        int callsAfterDelete = controller.statusCalls();
        sleep(Duration.ofMillis(300));
        assertThat(controller.statusCalls()).as("a disposed driver's tasks stop").isEqualTo(callsAfterDelete);
    }

    @Test
    void connectionsRunAgainAfterARestartOfPortier() {
        Connection door = connections.create(owner, new ConnectionDraft("Controller", ExamplePlugin.DRIVER_ID,
                Map.of("baseUrl", controller.url(), "apiKey", KEY)));
        awaitStatus(door.id(), s -> s.state() == ConnectionState.ONLINE);
        services.close();
        services = new TestServices(PortierConfig.forDataDir(dir).withHttpAllowPrivate(), Clock.systemUTC(), new OutboundHttpModule(), new PluginsModule(), new ConnectionsModule());
        connections = services.get(ConnectionService.class);
        awaitStatus(door.id(), s -> s.state() == ConnectionState.ONLINE);
    }

    @Test
    void aDriverWhoseInitializeThrowsIsOfflineWithItsErrorAndOthersRun() {
        Connection failing = connections.create(owner, new ConnectionDraft("Failing", "failing-driver", Map.of()));
        Connection door = connections.create(owner, new ConnectionDraft("Controller", ExamplePlugin.DRIVER_ID,
                Map.of("baseUrl", controller.url(), "apiKey", KEY)));
        DriverStatus status = connections.status(owner, failing.id());
        assertThat(status.state()).isEqualTo(ConnectionState.OFFLINE);
        assertThat(status.detail()).isEqualTo(StatusDetail.DRIVER_ERROR);
        assertThat(status.message()).contains("the vendor said no");
        awaitStatus(door.id(), s -> s.state() == ConnectionState.ONLINE);
    }

    private DriverStatus awaitStatus(String id, Predicate<DriverStatus> wanted) {
        Instant deadline = Instant.now().plusSeconds(10);
        DriverStatus status = connections.status(owner, id);
        while (!wanted.test(status) && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(50));
            status = connections.status(owner, id);
        }
        assertThat(wanted).as("status %s", status).accepts(status);
        return status;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final String FAILING = """
            package test.failing;

            import dev.portier.plugin.api.*;
            import java.util.*;
            import org.pf4j.Extension;

            @Extension
            public class Factory implements LockDriverFactory {
                public DriverDescriptor descriptor() {
                    return new DriverDescriptor("failing-driver", "Failing Driver", "Failing", "Throws at initialize");
                }
                public Set<Capability> capabilities() {
                    return Set.of();
                }
                public List<ConfigProperty> configuration() {
                    return List.of();
                }
                public LockDriver create(DriverConfiguration configuration, DriverContext context) {
                    return new LockDriver() {
                        public void initialize() {
                            throw new IllegalStateException("the vendor said no");
                        }
                        public void dispose() {
                        }
                    };
                }
            }
            """;
}
