package dev.portier.plugins.example;

import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.conformance.PluginJarContract;
import java.util.Set;

/** The packaged jar loads and starts in PF4J at the host's SPI version, with exactly its one factory. */
class PluginJarIT extends PluginJarContract {

    @Override
    protected Set<Class<? extends LockDriverFactory>> factories() {
        return Set.of(HttpDoorControllerFactory.class);
    }
}
