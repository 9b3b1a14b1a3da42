package dev.portier.drivers.connections;

import dev.portier.testing.PluginJars;
import java.io.IOException;
import java.nio.file.Path;

/** A test plugin whose driver "schema-driver" declares one setting of every type, one of them secret. */
final class SchemaPlugin {

    static final String DRIVER_ID = "schema-driver";

    private static final String FACTORY = """
            package test.schema;

            import dev.portier.plugin.api.*;
            import java.util.*;
            import org.pf4j.Extension;

            @Extension
            public class Factory implements LockDriverFactory {
                public DriverDescriptor descriptor() {
                    return new DriverDescriptor("schema-driver", "Schema Driver", "Schema", "Every kind of setting");
                }
                public Class<? extends LockDriver> driverType() {
                    return LockDriver.class;
                }
                public List<ConfigProperty> configuration() {
                    return List.of(
                            ConfigProperty.required("baseUrl", ConfigType.URL, "Base URL", "Where the vendor answers"),
                            ConfigProperty.secret("apiKey", "API key", "From the vendor's console"),
                            ConfigProperty.optional("pollSeconds", ConfigType.INTEGER, "Poll interval", "Seconds", "30"),
                            ConfigProperty.optional("verbose", ConfigType.BOOLEAN, "Verbose", "", "false"),
                            ConfigProperty.choice("region", "Region", "", List.of("eu", "us")),
                            ConfigProperty.optional("notes", ConfigType.MULTILINE, "Notes", "", null));
                }
                public LockDriver create(DriverConfiguration configuration, DriverContext context) {
                    return new LockDriver() {
                        public void initialize() {
                        }
                        public void dispose() {
                        }
                    };
                }
            }
            """;

    private SchemaPlugin() {
    }

    static void install(Path dataDir) throws IOException {
        PluginJars.plugin("schema-plugin").extension("test.schema.Factory", FACTORY).writeTo(dataDir.resolve("plugins"));
    }
}
