package dev.portier.plugins.invue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.conformance.PluginJarContract;
import java.io.IOException;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar loads and starts in PF4J at the host's SPI version with its one factory; BouncyCastle
 * is inside, relocated; Jackson is the host's.
 */
class PluginJarIT extends PluginJarContract {

    @Override
    protected Set<Class<? extends LockDriverFactory>> factories() {
        return Set.of(InVueFactory.class);
    }

    @Test
    void manifest_names_the_invue_plugin_and_the_spi_2_range() throws IOException {
        try (JarFile file = new JarFile(pluginJar().toFile())) {
            Attributes manifest = file.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Plugin-Id")).isEqualTo("invue").isEqualTo(new InVueFactory().descriptor().id());
            assertThat(manifest.getValue("Plugin-Requires")).isEqualTo(">=2.3.0 & <3.0.0");
        }
    }

    @Test
    void bouncycastle_is_bundled_relocated_and_jackson_is_the_hosts() throws IOException {
        try (JarFile file = new JarFile(pluginJar().toFile())) {
            assertThat(file.stream().map(entry -> entry.getName()))
                    .anyMatch(name -> name.startsWith("dev/portier/plugins/invue/shaded/org/bouncycastle/cert/"))
                    .noneMatch(name -> name.startsWith("org/bouncycastle/"))
                    .noneMatch(name -> name.startsWith("com/fasterxml/"));
        }
    }
}
