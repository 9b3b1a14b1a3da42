/**
 * Portier's lock driver SPI: what a vendor plugin implements and what the host hands it.
 *
 * <h2>Lifecycle</h2>
 * <ol>
 *   <li>PF4J loads a plugin jar and finds its {@link dev.portier.plugin.api.LockDriverFactory}
 *       extensions. A factory lives as long as its plugin is started and is shared by every account.</li>
 *   <li>For each configured connection (an account's instance of a driver), the host calls
 *       {@link dev.portier.plugin.api.LockDriverFactory#create} with the connection's configuration
 *       and a {@link dev.portier.plugin.api.DriverContext}, then {@link dev.portier.plugin.api.LockDriver#initialize}.</li>
 *   <li>The driver reports its status through the context; the host calls capability methods
 *       (the optional interfaces a driver implements) on its own worker threads with time limits.</li>
 *   <li>When the connection is changed, deleted or the plugin stops, the host calls
 *       {@link dev.portier.plugin.api.LockDriver#dispose} and forgets the driver.</li>
 * </ol>
 *
 * <h2>Threads and blocking</h2>
 * Every method of the SPI states whether it may block. The host never calls a driver on a UI or
 * request thread; it runs each call on a worker with a time limit and treats a call that throws or
 * overruns as a failure of that connection, never of the host. Expected failures (bad credentials,
 * vendor unreachable) are reported as a {@link dev.portier.plugin.api.DriverStatus}, not thrown.
 *
 * <h2>Evolution</h2>
 * The SPI has a semantic version ({@link dev.portier.plugin.api.PluginApi#VERSION}). Interfaces grow
 * by default methods (minor version); removals or changed meanings raise the major version. A plugin
 * declares the range it needs in its manifest ({@code Plugin-Requires}).
 *
 * <p>This package is pure Java: no Guice, Vaadin or Jdbi types appear here, and nothing of the host
 * leaks in.
 */
package dev.portier.plugin.api;
