package dev.portier.plugins.tapkey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.api.PluginApi;
import dev.portier.plugin.conformance.PluginJarContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginWrapper;

/**
 * The packaged jar loads and starts in PF4J at the host's SPI version with its one factory; ical4j and its
 * libraries are inside, relocated, and work from the plugin's class loader (PF4J loads plugin classes
 * first); Jackson and slf4j are the host's.
 */
class PluginJarIT extends PluginJarContract {

    @Override
    protected Set<Class<? extends LockDriverFactory>> factories() {
        return Set.of(TapkeyFactory.class);
    }

    @Test
    void manifest_names_the_tapkey_plugin_and_the_spi_2_2_range() throws IOException {
        try (JarFile file = new JarFile(pluginJar().toFile())) {
            Attributes manifest = file.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Plugin-Id")).isEqualTo("tapkey").isEqualTo(new TapkeyFactory().descriptor().id());
            assertThat(manifest.getValue("Plugin-Requires")).isEqualTo(">=2.2.0 & <3.0.0");
        }
    }

    @Test
    void ical4j_is_bundled_relocated_and_jackson_and_slf4j_are_the_hosts() throws IOException {
        try (JarFile file = new JarFile(pluginJar().toFile())) {
            assertThat(file.stream().map(entry -> entry.getName()))
                    .anyMatch(name -> name.startsWith("dev/portier/plugins/tapkey/shaded/net/fortuna/ical4j/model/"))
                    .anyMatch(name -> name.equals("zoneinfo/Europe/Oslo.ics"))
                    .noneMatch(name -> name.startsWith("net/fortuna/"))
                    .noneMatch(name -> name.startsWith("org/apache/commons/"))
                    .noneMatch(name -> name.startsWith("com/fasterxml/"))
                    .noneMatch(name -> name.startsWith("org/slf4j/"));
        }
    }

    @Test
    void the_simulators_ical_restriction_evaluates_inside_the_plugin_class_loader() throws Exception {
        Path directory = Files.createTempDirectory("tapkey-plugin-ical");
        Files.copy(pluginJar(), directory.resolve(pluginJar().getFileName()));
        DefaultPluginManager pf4j = new DefaultPluginManager(directory);
        pf4j.setSystemVersion(PluginApi.VERSION);
        pf4j.loadPlugins();
        pf4j.startPlugins();
        try {
            PluginWrapper plugin = pf4j.getPlugin("tapkey");
            Class<?> restriction = plugin.getPluginClassLoader().loadClass("dev.portier.plugins.tapkey.simulator.TimeRestriction");
            assertThat(restriction.getClassLoader()).isSameAs(plugin.getPluginClassLoader());
            String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Portier//Grant schedule//EN\r\nBEGIN:VEVENT\r\nUID:g-1\r\n"
                    + "DTSTART;TZID=Europe/Oslo:20260302T080000\r\nDURATION:PT9H0M\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\n"
                    + "END:VEVENT\r\nEND:VCALENDAR\r\n";
            Object parsed = restriction.getMethod("parse", String.class).invoke(null, ics);
            var allows = restriction.getMethod("allows", Instant.class);
            // Monday 30 March 2026, after the switch to summer time: 08:30 in Oslo is 06:30 UTC.
            assertThat(allows.invoke(parsed, Instant.parse("2026-03-30T06:30:00Z"))).isEqualTo(true);
            assertThat(allows.invoke(parsed, Instant.parse("2026-03-30T05:30:00Z"))).isEqualTo(false);
        } finally {
            for (PluginWrapper plugin : List.copyOf(pf4j.getPlugins())) {
                pf4j.stopPlugin(plugin.getPluginId());
                pf4j.unloadPlugin(plugin.getPluginId());
            }
        }
    }
}
