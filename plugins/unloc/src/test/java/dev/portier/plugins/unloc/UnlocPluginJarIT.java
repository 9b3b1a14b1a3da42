package dev.portier.plugins.unloc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.AccessDecider.AccessAnswer;
import dev.portier.plugin.api.Capability;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.PluginApi;
import dev.portier.plugin.api.PluginHttpEndpoints;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpRequest;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpResponse;
import dev.portier.plugin.conformance.PluginJarContract;
import dev.portier.plugin.conformance.TestDriverContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;

/**
 * The packaged jar loads and starts in PF4J at the host's SPI version, with exactly its one factory
 * (the kit's {@link PluginJarContract}); it bundles no Jackson, and yet answers check-access when
 * loaded, finding the host's Jackson through PF4J's parent class loader.
 */
class UnlocPluginJarIT extends PluginJarContract {

    private static final String KEY = "jar-key-0123456789";

    @Override
    protected Set<Class<? extends LockDriverFactory>> factories() {
        return Set.of(UnlocDriverFactory.class);
    }

    @Test
    void the_manifest_requires_spi_2() throws IOException {
        try (JarFile file = new JarFile(pluginJar().toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Plugin-Id")).isEqualTo("unloc");
            assertThat(file.getManifest().getMainAttributes().getValue("Plugin-Requires")).isEqualTo(">=2.1.0 & <3.0.0");
        }
    }

    @Test
    void jackson_is_the_hosts_not_bundled() throws IOException {
        try (JarFile file = new JarFile(pluginJar().toFile())) {
            assertThat(file.stream().map(ZipEntry::getName)).noneMatch(name -> name.startsWith("com/fasterxml/"));
        }
    }

    @Test
    void a_driver_loaded_from_the_jar_answers_check_access() throws IOException {
        Path plugins = Files.createTempDirectory("portier-unloc-jar");
        Files.copy(pluginJar(), plugins.resolve(pluginJar().getFileName()));
        DefaultPluginManager pf4j = new DefaultPluginManager(plugins);
        pf4j.setSystemVersion(PluginApi.VERSION);
        PluginManager manager = pf4j;
        try (TestDriverContext context = TestDriverContext.of(Map.of("apiHeader", "X-Api-Key", "apiKey", KEY, "mode", "production"))) {
            manager.loadPlugins();
            manager.startPlugins();
            LockDriverFactory factory = manager.getExtensions(LockDriverFactory.class, "unloc").getFirst();
            assertThat(Capability.of(factory.driverType())).containsExactlyInAnyOrder(Capability.HTTP_ENDPOINTS, Capability.SANDBOX);
            context.addLock(new LockRef("lock-1", "abc123", "Front door", "Europe/Oslo"));
            context.decideWith(question -> new AccessAnswer(true, "grant-1", null, null, Duration.ofMinutes(30), List.of()));
            LockDriver driver = factory.create(context.configuration(), context);
            driver.initialize();

            PluginHttpResponse response = ((PluginHttpEndpoints) driver).handle(new PluginHttpRequest("GET", "/check-access",
                    Map.of("lockId", List.of("abc123"), "appUserId", List.of("+4712345678")),
                    Map.of("x-api-key", List.of(KEY)), new byte[0]));

            assertThat(response.status()).isEqualTo(200);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(
                    "{\"lockId\":\"abc123\",\"appUserId\":\"+4712345678\",\"hasAccess\":true,\"keyData\":{\"duration\":1800}}");
            context.dispose(driver);
        } finally {
            // One by one, as the kit does: PF4J's stopPlugins() and unloadPlugins() modify the lists they iterate.
            for (PluginWrapper plugin : List.copyOf(manager.getPlugins())) {
                manager.stopPlugin(plugin.getPluginId());
                manager.unloadPlugin(plugin.getPluginId());
            }
            try (Stream<Path> files = Files.walk(plugins)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
