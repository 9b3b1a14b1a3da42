package dev.portier.drivers.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.portier.plugin.api.Capability;
import dev.portier.plugin.api.PluginHttpEndpoints;
import dev.portier.web.server.CoreModule;
import dev.portier.platform.lifecycle.Lifecycle;
import dev.portier.platform.config.PortierConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host loads real plugin jars: the good one offers its driver, every broken one is recorded and contained. */
class PluginHostTest {

    @TempDir
    static Path dir;
    static Injector injector;
    static DriverFactories factories;

    @BeforeAll
    static void startHost() throws Exception {
        TestPlugins.install(dir);
        injector = Guice.createInjector(Stage.PRODUCTION, new CoreModule(PortierConfig.forDataDir(dir), Clock.systemUTC()),
                new PluginsModule());
        injector.getInstance(Lifecycle.class).start();
        factories = injector.getInstance(DriverFactories.class);
    }

    @AfterAll
    static void stopHost() {
        injector.getInstance(Lifecycle.class).stop();
    }

    @Test
    void theGoodPluginStartsAndOffersItsDriverWithWhatItDeclared() {
        InstalledPlugin good = plugin("good-plugin");
        assertThat(good.status()).isEqualTo(PluginStatus.STARTED);
        assertThat(good.problem()).isEmpty();
        assertThat(good.version()).isEqualTo("1.2.3");
        assertThat(good.provider()).isEqualTo("Portier tests");
        assertThat(good.source()).isEqualTo("good-plugin.jar");

        LoadedDriverFactory driver = factories.byId("good-driver").orElseThrow();
        assertThat(driver.pluginId()).isEqualTo("good-plugin");
        assertThat(driver.descriptor().vendor()).isEqualTo("Goodlock");
        assertThat(driver.capabilities()).as("what its driver type implements").containsExactly(Capability.HTTP_ENDPOINTS);
        assertThat(driver.configuration()).extracting(p -> p.key()).containsExactly("siteCode");
        assertThat(factories.legacyRouting("good-plugin")).as("it still routes its old URLs").isPresent();
        assertThat(factories.all()).extracting(LoadedDriverFactory::id)
                .containsExactly("boom-driver", "good-driver", "hang-driver");
    }

    @Test
    void pluginClassesStayOffTheApplicationClassPath() {
        LoadedDriverFactory driver = factories.byId("good-driver").orElseThrow();
        assertThat(driver.factory().getClass().getClassLoader()).isNotSameAs(PluginHostTest.class.getClassLoader());
        assertThat(PluginHostTest.class.getClassLoader().getResource("test/good/Factory.class")).isNull();
    }

    @Test
    void aPluginWhoseStartThrowsIsFailedWithItsError() {
        InstalledPlugin broken = plugin("broken-start");
        assertThat(broken.status()).isEqualTo(PluginStatus.FAILED);
        assertThat(broken.problem()).hasValueSatisfying(p -> assertThat(p).contains(TestPlugins.LICENCE_ERROR));
        assertThat(broken.drivers()).isEmpty();
        assertThat(factories.byId("broken-driver")).isEmpty();
    }

    @Test
    void aPluginNeedingAnotherApiVersionIsRefusedAndNeverStarted() {
        InstalledPlugin future = plugin("future-plugin");
        assertThat(future.status()).isEqualTo(PluginStatus.INCOMPATIBLE);
        assertThat(future.problem()).hasValue("Requires Portier plugin API >=3.0.0, this host implements " + dev.portier.plugin.api.PluginApi.VERSION);
        assertThat(factories.byId("future-driver")).isEmpty();
    }

    @Test
    void aFactoryThatThrowsOrBreaksItsCapabilityPromiseFailsItsPlugin() {
        InstalledPlugin bad = plugin("bad-descriptor");
        assertThat(bad.status()).isEqualTo(PluginStatus.FAILED);
        assertThat(bad.problem()).hasValueSatisfying(p -> assertThat(p).contains(TestPlugins.DESCRIPTOR_ERROR));

        InstalledPlugin liar = plugin("liar-plugin");
        assertThat(liar.status()).isEqualTo(PluginStatus.FAILED);
        assertThat(liar.problem()).hasValue("liar-plugin: driver factories failed: IllegalStateException: driver liar-driver "
                + "answers no driver type or no configuration");
        assertThat(factories.byId("liar-driver")).isEmpty();
    }

    @Test
    void aFileThatIsNoPluginIsFailedWithoutStoppingTheOthers() {
        InstalledPlugin garbage = plugin("not-a-plugin.jar");
        assertThat(garbage.status()).isEqualTo(PluginStatus.FAILED);
        assertThat(garbage.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("Could not load not-a-plugin.jar: "));
    }

    @Test
    void aHangingHandlerIsAbandonedAfterItsTimeLimitAndReportedForItsPlugin() {
        PluginHttpEndpoints hang = (PluginHttpEndpoints) factories.byId("hang-driver").orElseThrow().factory().create(null, null);
        DriverCalls calls = injector.getInstance(DriverCalls.class);
        var request = new PluginHttpEndpoints.PluginHttpRequest("GET", "/x", Map.of(), Map.of(), new byte[0]);
        long started = System.nanoTime();
        DriverCallResult<?> result = calls.call("hang-plugin", "hang-plugin: GET /x", java.time.Duration.ofMillis(300),
                () -> hang.handle(request));
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
        assertThat(result).isInstanceOfSatisfying(DriverCallResult.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(DriverCallResult.Reason.TIMEOUT);
            assertThat(f.message()).isEqualTo("hang-plugin: GET /x did not answer within 300 ms and was abandoned");
        });
        assertThat(calls.lastFailure("hang-plugin")).hasValueSatisfying(
                f -> assertThat(f.reason()).isEqualTo(DriverCallResult.Reason.TIMEOUT));
    }

    private static InstalledPlugin plugin(String id) {
        return factories.plugin(id).orElseThrow(() -> new AssertionError(id + " not listed in " + factories.plugins()));
    }
}
