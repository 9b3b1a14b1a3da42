package dev.portier.plugin.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.Capability;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.api.PluginApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DefaultVersionManager;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * The packaged plugin jar works in PF4J the way the host loads it. A plugin extends this in an
 * {@code *IT} test that failsafe runs after {@code package}, and names its factories:
 *
 * <pre>{@code
 * class PluginJarIT extends PluginJarContract {
 *     protected Set<Class<? extends LockDriverFactory>> factories() { return Set.of(HttpDoorControllerFactory.class); }
 * }
 * }</pre>
 *
 * <p>The jar is {@link #pluginJar()}: by default the {@code plugin.jar} system property, which the
 * plugin's failsafe configuration sets to {@code ${project.build.directory}/${project.build.finalName}.jar}.
 * It is copied into a temporary plugins directory and loaded by a {@link DefaultPluginManager} whose
 * system version is {@link PluginApi#VERSION}, so PF4J itself checks {@code Plugin-Requires}.
 *
 * <p>What it checks: the manifest has {@code Plugin-Id}, {@code Plugin-Version} and a
 * {@code Plugin-Requires} range that accepts this SPI version; the jar bundles neither the SPI nor
 * PF4J; the plugin starts; its {@link LockDriverFactory} extensions are exactly {@link #factories()},
 * loaded from the jar; each instantiates through PF4J with a valid descriptor, and its
 * {@code driverType()} implements every interface {@link Capability#of} reports — the host's copies of
 * them, not ones bundled in the jar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PluginJarContract {

    private Path pluginsDirectory;
    private PluginManager manager;
    private String pluginId;

    /** The factory classes the plugin's extension index must list, no more and no fewer. */
    protected abstract Set<Class<? extends LockDriverFactory>> factories();

    /** The packaged plugin: the {@code plugin.jar} system property by default. */
    protected Path pluginJar() {
        String jar = System.getProperty("plugin.jar");
        assertThat(jar).as("system property plugin.jar (set it in the failsafe configuration), or override pluginJar()")
                .isNotBlank();
        return Path.of(jar);
    }

    @BeforeAll
    final void loadThePluginInPf4j() throws IOException {
        Path jar = pluginJar();
        assertThat(jar).as("the packaged plugin (run this as an *IT after package)").isRegularFile();
        pluginsDirectory = Files.createTempDirectory("portier-plugin-jar-contract");
        Files.copy(jar, pluginsDirectory.resolve(jar.getFileName()));
        DefaultPluginManager pf4j = new DefaultPluginManager(pluginsDirectory);
        pf4j.setSystemVersion(PluginApi.VERSION);
        manager = pf4j;
        manager.loadPlugins();
        manager.startPlugins();
        pluginId = manifest().getValue("Plugin-Id");
    }

    @AfterAll
    final void unloadThePlugin() throws IOException {
        if (manager != null) {
            // One by one: PF4J's unloadPlugins() modifies the list it iterates.
            for (PluginWrapper plugin : List.copyOf(manager.getPlugins())) {
                manager.stopPlugin(plugin.getPluginId());
                manager.unloadPlugin(plugin.getPluginId());
            }
        }
        if (pluginsDirectory != null) {
            try (Stream<Path> files = Files.walk(pluginsDirectory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    @Test
    void manifest_names_the_plugin_and_requires_a_range_that_accepts_this_spi() throws IOException {
        Attributes manifest = manifest();
        assertThat(manifest.getValue("Plugin-Id")).as("Plugin-Id").isNotBlank().matches("[a-z0-9][a-z0-9-]*");
        assertThat(manifest.getValue("Plugin-Version")).as("Plugin-Version").isNotBlank().doesNotContain("${");
        String requires = manifest.getValue("Plugin-Requires");
        assertThat(requires).as("Plugin-Requires").isNotBlank().doesNotContain("${");
        assertThat(new DefaultVersionManager().checkVersionConstraint(PluginApi.VERSION, requires))
                .as("Plugin-Requires %s accepts SPI %s", requires, PluginApi.VERSION).isTrue();
    }

    @Test
    void the_spi_and_pf4j_are_not_bundled() throws IOException {
        try (JarFile file = new JarFile(pluginJar().toFile())) {
            assertThat(file.stream().map(ZipEntry::getName)).as("classes the host provides")
                    .noneMatch(name -> name.startsWith("dev/portier/plugin/api/") || name.startsWith("org/pf4j/"));
        }
    }

    @Test
    void the_plugin_starts() {
        PluginWrapper plugin = manager.getPlugin(pluginId);
        assertThat(plugin).as("plugin %s loaded by PF4J with system version %s", pluginId, PluginApi.VERSION).isNotNull();
        assertThat(plugin.getPluginState()).as("state of %s (failed: %s)", pluginId, plugin.getFailedException())
                .isEqualTo(PluginState.STARTED);
    }

    @Test
    void the_extension_index_lists_exactly_the_factories() {
        Set<String> listed = manager.getExtensionClasses(LockDriverFactory.class, pluginId).stream()
                .map(Class::getName).collect(Collectors.toSet());
        Set<String> expected = factories().stream().map(Class::getName).collect(Collectors.toSet());

        assertThat(listed).as("LockDriverFactory extensions of %s (pf4j in annotationProcessorPaths?)", pluginId)
                .isEqualTo(expected);
    }

    @Test
    void each_factory_instantiates_from_the_jar_with_a_valid_descriptor_and_driver_type() {
        List<LockDriverFactory> instances = manager.getExtensions(LockDriverFactory.class, pluginId);
        assertThat(instances).hasSameSizeAs(factories());
        for (LockDriverFactory factory : instances) {
            String name = factory.getClass().getName();
            assertThat(factory.getClass().getClassLoader()).as("%s is loaded from the plugin jar", name)
                    .isInstanceOf(PluginClassLoader.class);
            assertThat(factory.descriptor()).as("descriptor of %s", name).isNotNull();
            assertThat(factory.descriptor().vendor()).as("vendor of %s", name).isNotBlank();
            assertThat(factory.configuration()).as("configuration of %s", name).isNotNull();

            Class<? extends LockDriver> driverType = factory.driverType();
            assertThat(driverType).as("driverType() of %s", name).isNotNull();
            assertThat(LockDriver.class).as("%s is the host's LockDriver", driverType.getName()).isAssignableFrom(driverType);
            for (Capability capability : Capability.of(driverType)) {
                assertThat(capability.type()).as("%s implements %s", driverType.getName(), capability)
                        .isAssignableFrom(driverType);
            }
            assertThat(spiInterfaces(driverType)).as("SPI interfaces of %s are the host's (not bundled)", driverType.getName())
                    .allMatch(type -> type.getClassLoader() == PluginApi.class.getClassLoader());
        }
    }

    private Attributes manifest() throws IOException {
        try (JarFile file = new JarFile(pluginJar().toFile())) {
            assertThat(file.getManifest()).as("manifest of %s", pluginJar()).isNotNull();
            return file.getManifest().getMainAttributes();
        }
    }

    /** Every interface of the SPI package that {@code type} implements, directly or inherited. */
    private static Set<Class<?>> spiInterfaces(Class<?> type) {
        Set<Class<?>> found = new HashSet<>();
        Deque<Class<?>> pending = new ArrayDeque<>();
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            pending.addAll(List.of(current.getInterfaces()));
        }
        while (!pending.isEmpty()) {
            Class<?> next = pending.pop();
            if (next.getPackageName().equals(PluginApi.class.getPackageName())) {
                found.add(next);
            }
            pending.addAll(List.of(next.getInterfaces()));
        }
        return found;
    }
}
