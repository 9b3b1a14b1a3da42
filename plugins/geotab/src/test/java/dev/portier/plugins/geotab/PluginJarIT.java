package dev.portier.plugins.geotab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.conformance.PluginJarContract;
import java.io.IOException;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar loads and starts in PF4J at the host's SPI version, with exactly its one factory,
 * bundling neither the SPI, PF4J nor Jackson (the host's); and it is the plugin {@code geotab} by Portier.
 */
class PluginJarIT extends PluginJarContract {

    @Override
    protected Set<Class<? extends LockDriverFactory>> factories() {
        return Set.of(GeotabFactory.class);
    }

    @Test
    void manifest_names_the_geotab_plugin_and_the_spi_2_range() throws IOException {
        try (JarFile file = new JarFile(pluginJar().toFile())) {
            Attributes manifest = file.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Plugin-Id")).isEqualTo("geotab").isEqualTo(new GeotabFactory().descriptor().id());
            assertThat(manifest.getValue("Plugin-Provider")).isEqualTo("Portier");
            assertThat(manifest.getValue("Plugin-Requires")).isEqualTo(">=2.3.0 & <3.0.0");
        }
    }

    @Test
    void jackson_is_the_hosts_not_bundled() throws IOException {
        try (JarFile file = new JarFile(pluginJar().toFile())) {
            assertThat(file.stream().map(entry -> entry.getName())).noneMatch(name -> name.startsWith("com/fasterxml/"));
        }
    }
}
