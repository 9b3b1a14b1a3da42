/**
 * Portier's lock driver SPI, version 2 ({@link dev.portier.plugin.api.PluginApi#VERSION}): what a vendor
 * plugin implements and what the host hands it.
 *
 * <h2>Lifecycle</h2>
 * <ol>
 *   <li>PF4J loads a plugin jar and finds its {@link dev.portier.plugin.api.LockDriverFactory}
 *       extensions. A factory lives as long as its plugin is started and is shared by every account.
 *       The host reads its descriptor, configuration schema and
 *       {@link dev.portier.plugin.api.LockDriverFactory#driverType() driver type} once.</li>
 *   <li>Before a connection (an account's instance of a driver) is saved, the host calls
 *       {@link dev.portier.plugin.api.LockDriverFactory#validate} on a worker; a
 *       {@link dev.portier.plugin.api.FieldProblem} stops the save.</li>
 *   <li>For each connection, the host calls {@link dev.portier.plugin.api.LockDriverFactory#create}
 *       with its configuration and a {@link dev.portier.plugin.api.DriverContext}, then
 *       {@link dev.portier.plugin.api.LockDriver#initialize}.</li>
 *   <li>The driver reports its status and its locks' {@link dev.portier.plugin.api.LockHealth} through
 *       the context; the host drives every capability (grant sync from its outbox, event pulling with a
 *       persisted cursor, key issuing, commands, endpoints) on its own worker threads with time limits.</li>
 *   <li>When the connection is changed, deleted or the plugin stops, the host calls
 *       {@link dev.portier.plugin.api.LockDriver#dispose} and forgets the driver.</li>
 * </ol>
 *
 * <h2>Capabilities</h2>
 * A driver's capabilities are the capability interfaces its class implements
 * ({@link dev.portier.plugin.api.Capability#of}); nothing is declared twice. All of them, including
 * {@link dev.portier.plugin.api.PluginHttpEndpoints}, are implemented by the driver.
 *
 * <h2>Threads and blocking</h2>
 * Every type of the SPI states whether it may block and who calls it. The host never calls a driver
 * on a UI or request thread; it runs each call on a worker with a time limit and treats a call that
 * throws or overruns as a failure of that connection, never of the host. Expected connection
 * failures (bad credentials, vendor unreachable) are reported as a
 * {@link dev.portier.plugin.api.DriverStatus}, not thrown. In calls the host retries (grant sync, key
 * issuing, event pulling), {@link dev.portier.plugin.api.VendorRefusedException} and
 * {@link dev.portier.plugin.api.LimitExceededException} say "permanent, do not retry"; any other
 * exception is transient.
 *
 * <h2>Typed values</h2>
 * Permissions, denial reasons, schedules, grantees, key holders and reservation options cross the SPI as
 * enums and records ({@link dev.portier.plugin.api.Permission}, {@link dev.portier.plugin.api.Schedule} …),
 * never as strings to parse.
 *
 * <h2>Evolution</h2>
 * Interfaces grow by default methods and new types (minor version); removals or changed meanings raise
 * the major version. The build compares this package with a committed baseline jar (japicmp) and fails
 * on an incompatible change. A plugin declares the range it needs in its manifest
 * ({@code Plugin-Requires}, e.g. {@code >=2.0.0 & <3.0.0}).
 *
 * <p>This package is pure Java: no Guice, Vaadin or Jdbi types appear here, and nothing of the host
 * leaks in. Its only dependency is PF4J's {@code ExtensionPoint}.
 */
package dev.portier.plugin.api;
