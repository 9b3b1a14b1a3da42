package dev.portier.drivers.connections;

import dev.portier.platform.validation.ValidationException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.portier.plugins.example.simulator.DoorControllerSimulator;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.platform.http.OutboundHttpModule;
import dev.portier.plugin.api.ConnectionState;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.StatusDetail;
import dev.portier.drivers.plugins.DriverFactories;
import dev.portier.drivers.plugins.PluginsModule;
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
    DoorControllerSimulator controller;
    TestServices services;
    ConnectionService connections;
    SignedInUser owner;

    @BeforeEach
    void start() throws Exception {
        ExamplePlugin.install(dir);
        PluginJars.plugin("failing-plugin").extension("test.failing.Factory", FAILING).writeTo(dir.resolve("plugins"));
        controller = DoorControllerSimulator.start(KEY);
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
    void aConnectionGoesOnlineAndAKeyTheVendorRefusesIsNeverSaved() {
        Connection door = connections.create(owner, new ConnectionDraft("Controller", ExamplePlugin.DRIVER_ID,
                Map.of("baseUrl", controller.url(), "apiKey", KEY)));
        awaitStatus(door.id(), s -> s.state() == ConnectionState.ONLINE);
        String pluginId = services.get(DriverFactories.class).byId(ExamplePlugin.DRIVER_ID).orElseThrow().pluginId();
        assertThat(services.get(ConnectionRuntime.class).runs(pluginId, door.id())).isTrue();

        // The driver's validate() asks the controller before anything is stored: a refused key is a field error.
        assertThatThrownBy(() -> connections.update(owner, door.id(), new ConnectionDraft("Controller", null,
                Map.of("baseUrl", controller.url(), "apiKey", "wrong-key"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).containsKey("apiKey"));
        assertThat(connections.test(owner, door.id()).state()).as("the working key is still the stored one")
                .isEqualTo(ConnectionState.ONLINE);
        assertThatThrownBy(() -> connections.create(owner, new ConnectionDraft("Nowhere", ExamplePlugin.DRIVER_ID,
                Map.of("baseUrl", "http://127.0.0.1:9", "apiKey", KEY))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).containsKey("baseUrl"));
        assertThat(connections.count(owner)).as("nothing stored").isEqualTo(1);

        connections.delete(owner, door.id());
        assertThat(services.get(ConnectionRuntime.class).runs(pluginId, door.id())).isFalse();
        int callsAfterDelete = controller.requests();
        sleep(Duration.ofMillis(300));
        assertThat(controller.requests()).as("a disposed driver's tasks stop").isEqualTo(callsAfterDelete);
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
                public Class<? extends LockDriver> driverType() {
                    return LockDriver.class;
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
