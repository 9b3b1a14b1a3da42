package dev.portier.plugin.api;

/**
 * Facts about the driver SPI itself.
 *
 * <p>Plugins declare the SPI versions they work with in their manifest ({@code Plugin-Requires},
 * a semantic version range such as {@code >=2.0.0 & <3.0.0}); the host compares that range with
 * {@link #VERSION} and refuses a plugin that does not fit. The minor part grows when types gain
 * default methods or new types appear; the major part only when something is removed or changes
 * meaning. The build compares the SPI with a committed baseline jar (japicmp) and fails on an
 * incompatible change while the major part stays the same.
 *
 * <p>Pure constants: safe to read from any thread.
 */
public final class PluginApi {

    /** The SPI version this host implements, in semantic versioning. */
    public static final String VERSION = "2.3.0";

    private PluginApi() {
    }
}
