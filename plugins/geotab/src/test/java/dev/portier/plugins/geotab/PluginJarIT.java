package dev.portier.plugins.geotab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** The packaged jar is what PF4J needs: plugin manifest (API 1.1 for sandbox actions), the extension index, and no bundled SPI. */
class PluginJarIT {

    private final Path jar = Path.of(System.getProperty("plugin.jar", "target/missing.jar"));

    @Test
    void manifest_names_the_plugin_and_the_spi_range_it_needs() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes manifest = file.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Plugin-Id")).isEqualTo("geotab");
            assertThat(manifest.getValue("Plugin-Version")).isNotBlank().doesNotContain("${");
            assertThat(manifest.getValue("Plugin-Provider")).isEqualTo("Portier");
            assertThat(manifest.getValue("Plugin-Requires")).isEqualTo(">=1.1.0 & <2.0.0");
        }
    }

    @Test
    void extension_index_lists_the_factory() throws IOException {
        assertThat(Files.exists(jar)).as("packaged plugin %s", jar).isTrue();
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry index = file.getEntry("META-INF/extensions.idx");
            assertThat(index).as("META-INF/extensions.idx (pf4j in annotationProcessorPaths)").isNotNull();
            String extensions = new String(file.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(extensions).contains(GeotabFactory.class.getName());
        }
    }

    @Test
    void the_host_provided_spi_and_pf4j_are_not_bundled() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.stream().map(ZipEntry::getName))
                    .noneMatch(name -> name.startsWith("dev/portier/plugin/api/") || name.startsWith("org/pf4j/"));
        }
    }
}
