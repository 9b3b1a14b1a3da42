package dev.portier.testing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A test plugin whose driver "phone-material-test" publishes material for phones and reports lock health
 * when its endpoint {@code POST …/publish} is called: for each lock of the connection a
 * {@code lock-certificate} ("certificate of <lockId>"), for the connection an {@code intermediate}
 * ("intermediate of <connectionId>", expiring in a day) and an already expired {@code old-intermediate};
 * each lock's health is online, 15 % battery (low), firmware "test-fw 1.2".
 */
public final class PhoneMaterialTestPlugin {

    public static final String PLUGIN_ID = "phone-material-test-plugin";
    public static final String DRIVER_ID = "phone-material-test";

    private static final String FACTORY = """
            package test.phonematerial;

            import dev.portier.plugin.api.*;
            import java.nio.charset.StandardCharsets;
            import java.time.Duration;
            import java.util.*;
            import org.pf4j.Extension;

            @Extension
            public class Factory implements LockDriverFactory {
                public DriverDescriptor descriptor() {
                    return new DriverDescriptor("phone-material-test", "Phone material test driver", "Test",
                            "Publishes phone material and reports health on request");
                }
                public Class<? extends LockDriver> driverType() {
                    return Driver.class;
                }
                public List<ConfigProperty> configuration() {
                    return List.of(ConfigProperty.optional("owner", ConfigType.TEXT, "Owner account", "The vendor account", ""));
                }
                public ConfigValidation validate(DriverConfiguration configuration, ValidationContext context) {
                    String owner = configuration.values().getOrDefault("owner", "");
                    Map<String, List<Choice>> choices = Map.of("owner", List.of(new Choice("acct-1", "Harbour Ltd (acct-1)"),
                            new Choice("acct-2", "Depot GmbH (acct-2)")));
                    List<FieldProblem> problems = owner.isBlank() || owner.startsWith("acct-") ? List.of()
                            : List.of(new FieldProblem("owner", "No vendor account " + owner + "; pick one of the offered accounts"));
                    return new ConfigValidation(problems, choices, List.of("Certificate CN=Test Intermediate, valid until 2031-01-01"));
                }
                public LockDriver create(DriverConfiguration configuration, DriverContext context) {
                    return new Driver(context);
                }

                public static final class Driver implements LockDriver, PluginHttpEndpoints {
                    private final DriverContext context;

                    Driver(DriverContext context) {
                        this.context = context;
                    }

                    public void initialize() {
                        context.reportStatus(DriverStatus.online());
                    }

                    public void dispose() {
                    }

                    public PluginHttpResponse handle(PluginHttpRequest request) {
                        if (!request.method().equals("POST") || !request.path().equals("/publish")) {
                            return PluginHttpResponse.empty(404);
                        }
                        var now = context.clock().instant();
                        for (LockRef lock : context.locks().all()) {
                            context.phoneMaterial().publish(new PhoneMaterial("lock-certificate", lock.lockId(), "application/x-pem-file",
                                    ("certificate of " + lock.lockId()).getBytes(StandardCharsets.UTF_8), null));
                            context.reportHealth(new LockHealth(lock.lockId(), true, 15, true, now, "test-fw 1.2"));
                        }
                        context.phoneMaterial().publish(new PhoneMaterial("intermediate", null, "application/x-pem-file",
                                ("intermediate of " + context.connectionId()).getBytes(StandardCharsets.UTF_8),
                                now.plus(Duration.ofDays(1))));
                        context.phoneMaterial().publish(new PhoneMaterial("old-intermediate", null, "application/x-pem-file",
                                "expired".getBytes(StandardCharsets.UTF_8), now.minus(Duration.ofDays(1))));
                        return PluginHttpResponse.json(200, "{\\"published\\": true}");
                    }
                }
            }
            """;

    private PhoneMaterialTestPlugin() {
    }

    /** Writes the plugin jar into {@code dataDir}/plugins. */
    public static void install(Path dataDir) throws IOException {
        PluginJars.plugin(PLUGIN_ID).extension("test.phonematerial.Factory", FACTORY).writeTo(dataDir.resolve("plugins"));
    }
}
