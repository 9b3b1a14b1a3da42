package dev.portier.drivers.plugins;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.api.PluginApi;
import dev.portier.platform.lifecycle.LifecycleListener;
import dev.portier.platform.config.PortierConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and starts the plugin jars in {@code <data dir>/plugins/} and in the bundled plugins
 * directory (system property {@value #BUNDLED_PLUGINS_PROPERTY}), each in its own PF4J class loader,
 * and publishes the outcome in {@link DriverFactories}.
 *
 * <p>Nothing a plugin does stops the host: a jar that cannot be read, a plugin that needs another
 * plugin API version, a {@code start()} that throws or hangs, a factory that throws or breaks a
 * promise of the SPI — each is recorded against that plugin and the next one is loaded. Plugin code
 * only ever runs through {@link DriverCalls}.
 */
@Singleton
public final class PluginHost implements LifecycleListener {

    /** The JVM system property naming the directory of the plugins shipped with Portier. */
    public static final String BUNDLED_PLUGINS_PROPERTY = "portier.bundledPlugins";

    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

    private final PortierConfig config;
    private final DriverCalls calls;
    private final DriverFactories factories;
    private volatile HostPluginManager manager;

    @Inject
    PluginHost(PortierConfig config, DriverCalls calls, DriverFactories factories) {
        this.config = config;
        this.calls = calls;
        this.factories = factories;
    }

    @Override
    public void start() throws IOException {
        List<Path> roots = pluginDirectories();
        HostPluginManager pf4j = new HostPluginManager(roots);
        manager = pf4j;
        List<InstalledPlugin> notLoaded = new ArrayList<>();
        Map<String, Path> loaded = new HashMap<>();
        for (Path jar : jars(roots)) {
            String source = jar.getFileName().toString();
            String declared = declaredId(jar);
            if (declared != null && loaded.containsKey(declared)) {
                // The operator's copy in the data directory wins over a bundled one of the same id.
                notLoaded.add(InstalledPlugin.notStarted(declared, "", "", "", source, PluginStatus.DISABLED,
                        "Not loaded: " + declared + " is already loaded from " + loaded.get(declared)));
                continue;
            }
            try {
                loaded.put(pf4j.loadPlugin(jar), jar);
            } catch (RuntimeException | LinkageError e) {
                log.warn("Could not load the plugin jar {}", jar, e);
                notLoaded.add(InstalledPlugin.notStarted(source, "", "", "", source, PluginStatus.FAILED,
                        "Could not load " + source + ": " + DriverCalls.describe(e)));
            }
        }
        // Loaded plugins first, so a plugin id finds the copy that runs rather than a refused duplicate.
        List<InstalledPlugin> installed = new ArrayList<>();
        for (PluginWrapper plugin : pf4j.getPlugins()) {
            installed.add(startAndInspect(pf4j, plugin, installed));
        }
        installed.addAll(notLoaded);
        factories.replace(installed);
        log.info("Plugins: {} found, {} started, plugin API {}", installed.size(),
                installed.stream().filter(p -> p.status() == PluginStatus.STARTED).count(), PluginApi.VERSION);
    }

    @Override
    public void stop() {
        HostPluginManager pf4j = manager;
        if (pf4j == null) {
            return;
        }
        factories.replace(List.of());
        for (PluginWrapper plugin : List.copyOf(pf4j.getStartedPlugins()).reversed()) {
            String id = plugin.getPluginId();
            calls.call(id, id + ": stop", () -> pf4j.stopPlugin(id));
        }
        for (PluginWrapper plugin : List.copyOf(pf4j.getPlugins())) {
            // Unloading a plugin whose stop() hung would call stop() again on this thread.
            if (plugin.getPluginState() != PluginState.STARTED) {
                try {
                    pf4j.unloadPlugin(plugin.getPluginId());
                } catch (RuntimeException e) {
                    log.warn("Could not unload plugin {}", plugin.getPluginId(), e);
                }
            }
        }
        calls.shutdown();
        manager = null;
    }

    private InstalledPlugin startAndInspect(HostPluginManager pf4j, PluginWrapper plugin, List<InstalledPlugin> before) {
        PluginDescriptor about = plugin.getDescriptor();
        String id = plugin.getPluginId();
        String version = nonNull(about.getVersion());
        String provider = nonNull(about.getProvider());
        String requires = nonNull(about.getRequires());
        String source = plugin.getPluginPath().getFileName().toString();
        if (!fits(pf4j, requires)) {
            return InstalledPlugin.notStarted(id, version, provider, requires, source, PluginStatus.INCOMPATIBLE,
                    "Requires Portier plugin API " + requires + ", this host implements " + PluginApi.VERSION);
        }
        if (plugin.getPluginState() == PluginState.DISABLED) {
            return InstalledPlugin.notStarted(id, version, provider, requires, source, PluginStatus.DISABLED,
                    "Disabled by the operator");
        }
        if (plugin.getPluginState() != PluginState.RESOLVED) {
            return InstalledPlugin.notStarted(id, version, provider, requires, source, PluginStatus.FAILED,
                    "Could not be resolved (state " + plugin.getPluginState() + ")");
        }
        ClassLoader loader = plugin.getPluginClassLoader();
        DriverCallResult<PluginState> started = calls.call(id, id + ": start", DriverCalls.inLoader(loader, () -> pf4j.startPlugin(id)));
        if (started instanceof DriverCallResult.Failed<PluginState> failed) {
            return InstalledPlugin.notStarted(id, version, provider, requires, source, PluginStatus.FAILED, failed.message());
        }
        if (plugin.getPluginState() != PluginState.STARTED) {
            Throwable cause = plugin.getFailedException();
            String why = cause == null ? "it ended in state " + plugin.getPluginState() : DriverCalls.describe(cause);
            return InstalledPlugin.notStarted(id, version, provider, requires, source, PluginStatus.FAILED,
                    id + ": start failed: " + why);
        }
        DriverCallResult<List<LoadedDriverFactory>> drivers = calls.call(id, id + ": driver factories",
                DriverCalls.inLoader(loader, () -> createFactories(pf4j, id, version)));
        if (drivers instanceof DriverCallResult.Failed<List<LoadedDriverFactory>> failed) {
            calls.call(id, id + ": stop", () -> pf4j.stopPlugin(id));
            return InstalledPlugin.notStarted(id, version, provider, requires, source, PluginStatus.FAILED, failed.message());
        }
        List<LoadedDriverFactory> offered = drivers.orElse(f -> List.of());
        String clash = firstClash(offered, before);
        if (clash != null) {
            calls.call(id, id + ": stop", () -> pf4j.stopPlugin(id));
            return InstalledPlugin.notStarted(id, version, provider, requires, source, PluginStatus.FAILED, clash);
        }
        return new InstalledPlugin(id, version, provider, requires, source, PluginStatus.STARTED, Optional.empty(), offered);
    }

    /** Runs on a driver worker: instantiating a factory and asking it questions is plugin code. */
    private static List<LoadedDriverFactory> createFactories(HostPluginManager pf4j, String id, String version) {
        List<LoadedDriverFactory> created = new ArrayList<>();
        for (Class<? extends LockDriverFactory> type : pf4j.getExtensionClasses(LockDriverFactory.class, id)) {
            created.add(FactoryInspection.inspect(id, version, pf4j.getExtensionFactory().create(type)));
        }
        return created;
    }

    private static String firstClash(List<LoadedDriverFactory> offered, List<InstalledPlugin> before) {
        List<String> seen = new ArrayList<>();
        before.stream().flatMap(p -> p.drivers().stream()).map(LoadedDriverFactory::id).forEach(seen::add);
        for (LoadedDriverFactory factory : offered) {
            if (seen.contains(factory.id())) {
                return "Driver id " + factory.id() + " is offered twice";
            }
            seen.add(factory.id());
        }
        return null;
    }

    private List<Path> pluginDirectories() throws IOException {
        List<Path> roots = new ArrayList<>();
        Path own = config.dataDir().resolve("plugins").toAbsolutePath().normalize();
        Files.createDirectories(own);
        roots.add(own);
        String bundled = System.getProperty(BUNDLED_PLUGINS_PROPERTY);
        if (bundled != null && !bundled.isBlank()) {
            Path dir = Path.of(bundled).toAbsolutePath().normalize();
            if (Files.isDirectory(dir) && !dir.equals(own)) {
                roots.add(dir);
            } else if (!Files.isDirectory(dir)) {
                log.warn("The bundled plugins directory {} does not exist; starting without bundled plugins", dir);
            }
        }
        return roots;
    }

    /** The operator's jars first, then the bundled ones; each directory in name order. */
    private static List<Path> jars(List<Path> roots) throws IOException {
        List<Path> jars = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.list(root)) {
                files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
            }
        }
        return jars;
    }

    /** The Plugin-Id in the jar's manifest, or null when there is none to read (PF4J then says why). */
    private static String declaredId(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest == null ? null : manifest.getMainAttributes().getValue("Plugin-Id");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean fits(HostPluginManager pf4j, String requires) {
        try {
            return pf4j.getVersionManager().checkVersionConstraint(PluginApi.VERSION, requires);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    /** PF4J with the host's plugin API version, where one plugin's unresolved dependencies do not stop the rest. */
    private static final class HostPluginManager extends DefaultPluginManager {
        HostPluginManager(List<Path> roots) {
            super(roots);
            setSystemVersion(PluginApi.VERSION);
            setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
        }
    }
}
