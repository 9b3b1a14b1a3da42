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
            public class Factory implements LockDriverFactory%2$s {
                public DriverDescriptor descriptor() {
                    %3$s
                }
                public Set<Capability> capabilities() {
                    return Set.of(%4$s);
                }
                public List<ConfigProperty> configuration() {
                    return List.of(ConfigProperty.required("siteCode", ConfigType.TEXT, "Site code", "The vendor's site code"));
                }
                public LockDriver create(DriverConfiguration configuration, DriverContext context) {
                    return new LockDriver() {
                        public void initialize() {
                        }
                        public void dispose() {
                        }
                    };
                }
                %5$s
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
            public PluginHttpResponse handle(PluginHttpRequest request, List<PluginConnection> connections) {
                if (!request.path().equals("/echo")) {
                    return PluginHttpResponse.json(404, "{\\"error\\":\\"no such endpoint\\"}");
                }
                return PluginHttpResponse.json(200, "{\\"method\\":\\"" + request.method() + "\\",\\"path\\":\\"" + request.path()
                        + "\\",\\"who\\":\\"" + request.parameter("who") + "\\",\\"body\\":\\""
                        + new String(request.body(), StandardCharsets.UTF_8) + "\\",\\"connections\\":" + connections.size()
                        + ",\\"ownLoader\\":" + (Thread.currentThread().getContextClassLoader() == getClass().getClassLoader()) + "}");
            }
            """;

    private static final String THROW = """
            public PluginHttpResponse handle(PluginHttpRequest request, List<PluginConnection> connections) {
                throw new IllegalStateException("%s");
            }
            """.formatted(VENDOR_ERROR);

    private static final String HANG = """
            public PluginHttpResponse handle(PluginHttpRequest request, List<PluginConnection> connections) {
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
                        "Capability.HTTP_ENDPOINTS, Capability.EVENT_PULLING", ECHO))
                .writeTo(plugins);
        PluginJars.plugin("boom-plugin")
                .extension("test.boom.Factory", factory("test.boom", true, descriptor("boom-driver", "Boom Driver", "Boom"),
                        "Capability.HTTP_ENDPOINTS", THROW))
                .writeTo(plugins);
        PluginJars.plugin("hang-plugin")
                .extension("test.hang.Factory", factory("test.hang", true, descriptor("hang-driver", "Hang Driver", "Hang"),
                        "Capability.HTTP_ENDPOINTS", HANG))
                .writeTo(plugins);
        PluginJars.plugin("broken-start")
                .pluginClass("test.broken.Lifecycle", PLUGIN.formatted("test.broken",
                        "throw new IllegalStateException(\"" + LICENCE_ERROR + "\");"))
                .extension("test.broken.Factory", factory("test.broken", false, descriptor("broken-driver", "Broken", "Broken"), "", ""))
                .writeTo(plugins);
        PluginJars.plugin("future-plugin").requires(">=2.0.0")
                .extension("test.future.Factory", factory("test.future", false, descriptor("future-driver", "Future", "Future"), "", ""))
                .writeTo(plugins);
        PluginJars.plugin("bad-descriptor")
                .extension("test.bad.Factory", factory("test.bad", false,
                        "throw new IllegalStateException(\"" + DESCRIPTOR_ERROR + "\");", "", ""))
                .writeTo(plugins);
        PluginJars.plugin("liar-plugin")
                .extension("test.liar.Factory", factory("test.liar", false, descriptor("liar-driver", "Liar", "Liar"),
                        "Capability.HTTP_ENDPOINTS", ""))
                .writeTo(plugins);
        PluginJars.garbage(plugins, "not-a-plugin.jar");
    }

    private static String descriptor(String id, String name, String vendor) {
        return "return new DriverDescriptor(\"" + id + "\", \"" + name + "\", \"" + vendor + "\", \"A test driver\");";
    }

    private static String factory(String pkg, boolean endpoints, String descriptor, String capabilities, String handler) {
        return FACTORY.formatted(pkg, endpoints ? ", PluginHttpEndpoints" : "", descriptor, capabilities, handler);
    }
}
