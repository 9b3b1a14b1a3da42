package dev.portier.plugin.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * The extension point a vendor plugin implements (annotate the class with {@code @Extension}).
 *
 * <p>Lifecycle: one instance per started plugin, shared by all accounts; it holds no connection
 * state. The host reads {@link #descriptor()}, {@link #configuration()} and {@link #driverType()}
 * once when the plugin starts — they must be constant and must not block. {@link #validate} runs on
 * a host worker with a time limit before a connection is saved; {@link #create} on a host worker
 * whenever a connection starts.
 */
public interface LockDriverFactory extends ExtensionPoint {

    DriverDescriptor descriptor();

    /** The settings of a connection, in form order. */
    List<ConfigProperty> configuration();

    /**
     * The class of the drivers {@link #create} answers. Its capabilities are the capability
     * interfaces it implements ({@link Capability#of}); every driver created must be an instance.
     */
    Class<? extends LockDriver> driverType();

    /**
     * Checks settings before a connection is created or changed, e.g. that the vendor answers at the
     * URL and accepts the credentials. May block on the network (through {@code context.http()});
     * the host runs it on a worker with a time limit. A problem in the answer stops the save; the
     * default finds nothing wrong. The configuration has been checked against
     * {@link #configuration()} (required values present, types parse).
     */
    default ConfigValidation validate(DriverConfiguration configuration, ValidationContext context) {
        return ConfigValidation.ok();
    }

    /**
     * Creates the driver of one connection. Must not block or touch the network: checking the
     * settings against the vendor belongs in {@link #validate} and {@link LockDriver#initialize()}'s
     * scheduled work. The answer is an instance of {@link #driverType()}.
     */
    LockDriver create(DriverConfiguration configuration, DriverContext context);
}
