package dev.portier.drivers.plugins;

import dev.portier.testing.PluginJars;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The plugin jars the host tests install: one that works, and one for each way a plugin can fail.
 * Each is compiled from source at test time into {@code <data dir>/plugins}.
 */
final class TestPlugins {

    static final String LICENCE_ERROR = "cannot reach the licence server";
    static final String DESCRIPTOR_ERROR = "descriptor exploded";
    static final String VENDOR_ERROR = "the vendor said no";

    private static final String FACTORY = """
            package %1$s;

            import dev.portier.plugin.api.*;
            import dev.portier.plugin.api.PluginHttpEndpoints.*;
            import java.nio.charset.StandardCharsets;
            import java.util.*;
            import org.pf4j.Extension;

            @Extension
            public class Factory implements LockDriverFactory%6$s {
                public DriverDescriptor descriptor() {
                    %3$s
                }
                public Class<? extends LockDriver> driverType() {
                    return %4$s;
                }
                public List<ConfigProperty> configuration() {
                    return List.of(ConfigProperty.required("siteCode", ConfigType.TEXT, "Site code", "The vendor's site code"));
                }
                public LockDriver create(DriverConfiguration configuration, DriverContext context) {
                    return new Driver(context);
                }
                %7$s
                public static class Driver implements LockDriver%2$s {
                    private final DriverContext context;
                    public Driver(DriverContext context) {
                        this.context = context;
                    }
                    public void initialize() {
                    }
                    public void dispose() {
                    }
                    %5$s
                }
            }
            """;

    private static final String PLUGIN = """
            package %1$s;

            public class Lifecycle extends org.pf4j.Plugin {
                @Override
                public void start() {
                    %2$s
                }
            }
            """;

    private static final String ECHO = """
            public PluginHttpResponse handle(PluginHttpRequest request) {
                if (!request.path().equals("/echo")) {
                    return PluginHttpResponse.json(404, "{\\"error\\":\\"no such endpoint\\"}");
                }
                return PluginHttpResponse.json(200, "{\\"method\\":\\"" + request.method() + "\\",\\"path\\":\\"" + request.path()
                        + "\\",\\"who\\":\\"" + request.parameter("who") + "\\",\\"body\\":\\""
                        + new String(request.body(), StandardCharsets.UTF_8) + "\\",\\"connection\\":\\"" + context.connectionId()
                        + "\\",\\"siteCode\\":\\"" + context.configuration().require("siteCode")
                        + "\\",\\"ownLoader\\":" + (Thread.currentThread().getContextClassLoader() == getClass().getClassLoader()) + "}");
            }
            """;

    /** Routes old, connection-less URLs by the {@code X-Site-Code} header (deprecated in SPI 2.0). */
    private static final String LEGACY_ROUTING = """
            @SuppressWarnings("removal")
            public Optional<String> route(PluginHttpRequest request, List<LegacyEndpointRouting.ConnectionSettings> connections) {
                String code = request.header("X-Site-Code");
                return connections.stream().filter(c -> c.configuration().require("siteCode").equals(code))
                        .map(LegacyEndpointRouting.ConnectionSettings::connectionId).findFirst();
            }
            """;

    private static final String THROW = """
            public PluginHttpResponse handle(PluginHttpRequest request) {
                throw new IllegalStateException("%s");
            }
            """.formatted(VENDOR_ERROR);

    private static final String HANG = """
            public PluginHttpResponse handle(PluginHttpRequest request) {
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return PluginHttpResponse.json(200, "{}");
            }
            """;

    private TestPlugins() {
    }

    /** Installs every test plugin into {@code <dataDir>/plugins}. */
    static void install(Path dataDir) throws IOException {
        Path plugins = dataDir.resolve("plugins");
        PluginJars.plugin("good-plugin").version("1.2.3")
                .pluginClass("test.good.Lifecycle", PLUGIN.formatted("test.good", ""))
                .extension("test.good.Factory", factory("test.good", true, descriptor("good-driver", "Good Driver", "Goodlock"),
                        "Driver.class", ECHO, LEGACY_ROUTING))
                .writeTo(plugins);
        PluginJars.plugin("boom-plugin")
                .extension("test.boom.Factory", factory("test.boom", true, descriptor("boom-driver", "Boom Driver", "Boom"),
                        "Driver.class", THROW, ""))
                .writeTo(plugins);
        PluginJars.plugin("hang-plugin")
                .extension("test.hang.Factory", factory("test.hang", true, descriptor("hang-driver", "Hang Driver", "Hang"),
                        "Driver.class", HANG, ""))
                .writeTo(plugins);
        PluginJars.plugin("broken-start")
                .pluginClass("test.broken.Lifecycle", PLUGIN.formatted("test.broken",
                        "throw new IllegalStateException(\"" + LICENCE_ERROR + "\");"))
                .extension("test.broken.Factory", factory("test.broken", false, descriptor("broken-driver", "Broken", "Broken"), "Driver.class", "", ""))
                .writeTo(plugins);
        PluginJars.plugin("future-plugin").requires(">=3.0.0")
                .extension("test.future.Factory", factory("test.future", false, descriptor("future-driver", "Future", "Future"),
                        "Driver.class", "", ""))
                .writeTo(plugins);
        PluginJars.plugin("bad-descriptor")
                .extension("test.bad.Factory", factory("test.bad", false,
                        "throw new IllegalStateException(\"" + DESCRIPTOR_ERROR + "\");", "Driver.class", "", ""))
                .writeTo(plugins);
        PluginJars.plugin("liar-plugin")
                .extension("test.liar.Factory", factory("test.liar", false, descriptor("liar-driver", "Liar", "Liar"),
                        "null", "", ""))
                .writeTo(plugins);
        PluginJars.garbage(plugins, "not-a-plugin.jar");
    }

    private static String descriptor(String id, String name, String vendor) {
        return "return new DriverDescriptor(\"" + id + "\", \"" + name + "\", \"" + vendor + "\", \"A test driver\");";
    }

    private static String factory(String pkg, boolean endpoints, String descriptor, String driverType, String handler,
            String legacyRouting) {
        return FACTORY.formatted(pkg, endpoints ? ", PluginHttpEndpoints" : "", descriptor, driverType, handler,
                legacyRouting.isEmpty() ? "" : ", LegacyEndpointRouting", legacyRouting);
    }
}
