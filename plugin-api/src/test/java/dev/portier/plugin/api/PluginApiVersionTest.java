package dev.portier.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The japicmp baseline belongs to the current major version: raising {@link PluginApi#VERSION}'s major
 * part without a new baseline jar (or the other way round) fails here, before japicmp compares.
 */
class PluginApiVersionTest {

    @Test
    void the_version_is_semantic() {
        assertThat(PluginApi.VERSION).matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void the_compatibility_baseline_has_the_same_major_version_and_exists() {
        String baseline = System.getProperty("spi.baseline");
        if (baseline == null) {
            return; // run outside Maven (an IDE): the build still checks
        }
        assertThat(major(baseline)).as("major of the japicmp baseline %s vs PluginApi.VERSION %s", baseline, PluginApi.VERSION)
                .isEqualTo(major(PluginApi.VERSION));
        assertThat(Files.isRegularFile(Path.of(System.getProperty("spi.baseline.jar")))).as("baseline jar committed").isTrue();
    }

    private static String major(String version) {
        return version.substring(0, version.indexOf('.'));
    }
}
