package dev.portier.drivers.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.portier.web.server.CoreModule;
import dev.portier.platform.lifecycle.Lifecycle;
import dev.portier.platform.config.PortierConfig;
import dev.portier.testing.PluginJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where plugins come from: the data directory, the bundled directory, and the operator's disabled list. */
class PluginSourcesTest {

    private static final String FACTORY = """
            package test.%1$s;

            import dev.portier.plugin.api.*;
            import java.util.*;

            @org.pf4j.Extension
            public class Factory implements LockDriverFactory {
                public DriverDescriptor descriptor() {
                    return new DriverDescriptor("%1$s-driver", "%2$s", "Vendor", "");
                }
                public Class<? extends LockDriver> driverType() {
                    return LockDriver.class;
                }
                public List<ConfigProperty> configuration() {
                    return List.of();
                }
                public LockDriver create(DriverConfiguration configuration, DriverContext context) {
                    throw new UnsupportedOperationException();
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void thePluginsDirectoryIsCreatedWhenMissing() throws Exception {
        List<InstalledPlugin> plugins = run(factories -> { });
        assertThat(plugins).isEmpty();
        assertThat(dir.resolve("plugins")).isDirectory();
    }

    @Test
    void bundledPluginsLoadAndTheOperatorsCopyOfTheSameIdWins() throws Exception {
        Path bundled = dir.resolve("bundled");
        jar("alpha", "1.0.0", "Bundled Alpha", bundled);
        jar("beta", "1.0.0", "Bundled Beta", bundled);
        jar("alpha", "1.1.0", "Operator Alpha", dir.resolve("plugins"));

        List<InstalledPlugin> plugins = withBundled(bundled, () -> run(factories -> {
            assertThat(factories.plugin("alpha").orElseThrow().version()).isEqualTo("1.1.0");
            assertThat(factories.byId("alpha-driver").orElseThrow().descriptor().displayName()).isEqualTo("Operator Alpha");
        }));

        assertThat(plugins).extracting(InstalledPlugin::id, InstalledPlugin::version, InstalledPlugin::status)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("alpha", "1.1.0", PluginStatus.STARTED),
                        org.assertj.core.groups.Tuple.tuple("alpha", "", PluginStatus.DISABLED),
                        org.assertj.core.groups.Tuple.tuple("beta", "1.0.0", PluginStatus.STARTED));
        assertThat(plugins.stream().filter(p -> p.status() == PluginStatus.DISABLED).findFirst().orElseThrow().problem())
                .hasValueSatisfying(p -> assertThat(p).startsWith("Not loaded: alpha is already loaded from ")
                        .endsWith(dir.resolve("plugins").resolve("alpha.jar").toString()));
        assertThat(plugins.stream().filter(p -> p.id().equals("alpha") && p.status() == PluginStatus.STARTED).findFirst()
                .orElseThrow().drivers()).extracting(f -> f.descriptor().displayName()).containsExactly("Operator Alpha");
    }

    @Test
    void aMissingBundledDirectoryIsNoReasonNotToStart() throws Exception {
        jar("alpha", "1.0.0", "Alpha", dir.resolve("plugins"));
        List<InstalledPlugin> plugins = withBundled(dir.resolve("nowhere"), () -> run(factories -> { }));
        assertThat(plugins).extracting(InstalledPlugin::status).containsExactly(PluginStatus.STARTED);
    }

    @Test
    void aPluginListedInDisabledTxtIsShownDisabledAndNeverStarted() throws Exception {
        jar("alpha", "1.0.0", "Alpha", dir.resolve("plugins"));
        Files.writeString(dir.resolve("plugins").resolve("disabled.txt"), "alpha\n");
        List<InstalledPlugin> plugins = run(factories -> { });
        assertThat(plugins).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo(PluginStatus.DISABLED);
            assertThat(p.problem()).hasValue("Disabled by the operator");
            assertThat(p.drivers()).isEmpty();
        });
        assertThat(Files.readString(dir.resolve("plugins").resolve("disabled.txt"))).isEqualTo("alpha\n");
    }

    private List<InstalledPlugin> run(Consumer<DriverFactories> whileRunning) {
        Injector injector = Guice.createInjector(Stage.PRODUCTION,
                new CoreModule(PortierConfig.forDataDir(dir), Clock.systemUTC()), new PluginsModule());
        Lifecycle lifecycle = injector.getInstance(Lifecycle.class);
        lifecycle.start();
        try {
            DriverFactories factories = injector.getInstance(DriverFactories.class);
            whileRunning.accept(factories);
            return factories.plugins();
        } finally {
            lifecycle.stop();
        }
    }

    private static <T> T withBundled(Path bundled, java.util.function.Supplier<T> body) {
        System.setProperty(PluginHost.BUNDLED_PLUGINS_PROPERTY, bundled.toString());
        try {
            return body.get();
        } finally {
            System.clearProperty(PluginHost.BUNDLED_PLUGINS_PROPERTY);
        }
    }

    private static void jar(String id, String version, String displayName, Path into) throws IOException {
        PluginJars.plugin(id).version(version).extension("test." + id + ".Factory", FACTORY.formatted(id, displayName)).writeTo(into);
    }
}
