package dev.portier.plugin.api;

import java.util.List;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * The extension point a vendor plugin implements (annotate the class with {@code @Extension}).
 *
 * <p>Lifecycle: one instance per started plugin, shared by all accounts; it holds no connection
 * state. The host reads {@link #descriptor()}, {@link #capabilities()} and {@link #configuration()}
 * once when the plugin starts — they must be constant and must not block.
 * {@link #create} is called on a host worker thread whenever a connection starts.
 */
public interface LockDriverFactory extends ExtensionPoint {

    DriverDescriptor descriptor();

    /** What drivers of this factory can do; each capability's interface must be implemented. */
    Set<Capability> capabilities();

    /** The settings of a connection, in form order. */
    List<ConfigProperty> configuration();

    /**
     * Creates the driver of one connection. Must not block or touch the network: checking the
     * settings against the vendor belongs in {@link LockDriver#initialize()}. The configuration has
     * been validated against {@link #configuration()}.
     */
    LockDriver create(DriverConfiguration configuration, DriverContext context);
}
