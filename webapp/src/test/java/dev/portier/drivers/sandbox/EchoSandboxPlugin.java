package dev.portier.drivers.sandbox;

import dev.portier.testing.PluginJars;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A test plugin whose driver "echo-sandbox" offers one sandbox action with an input of every kind. Its
 * transcript repeats the inputs, names the chosen lock's vendor reference, and calls Portier's
 * {@code /health} at the run's base URL, so a test sees that URL really reaches this Portier.
 */
final class EchoSandboxPlugin {

    static final String DRIVER_ID = "echo-sandbox";

    private static final String FACTORY = """
            package test.echo;

            import dev.portier.plugin.api.*;
            import java.net.http.*;
            import java.util.*;
            import org.pf4j.Extension;

            @Extension
            public class Factory implements LockDriverFactory {
                public DriverDescriptor descriptor() {
                    return new DriverDescriptor("echo-sandbox", "Echo sandbox", "Tests", "Repeats what it is given");
                }
                public Class<? extends LockDriver> driverType() {
                    return Driver.class;
                }
                public List<ConfigProperty> configuration() {
                    return List.of();
                }
                public LockDriver create(DriverConfiguration configuration, DriverContext context) {
                    return new Driver(context);
                }

                public static class Driver implements LockDriver, SandboxActions {
                    private final DriverContext context;
                    Driver(DriverContext context) {
                        this.context = context;
                    }
                    public void initialize() {
                        context.reportStatus(DriverStatus.online());
                    }
                    public void dispose() {
                    }
                    public List<SandboxAction> sandboxActions() {
                        return List.of(new SandboxAction("echo", "Say something", "Repeats the word at the lock.",
                                List.of(SandboxInput.text("word", "Word", "hello"), SandboxInput.lock("lock", "Door"),
                                        SandboxInput.choice("tone", "Tone", List.of("calm", "loud")))));
                    }
                    public SandboxOutcome run(SandboxRun run) {
                        String door = context.locks().byId(run.inputs().get("lock")).map(LockRef::vendorReference).orElse("?");
                        String word = run.inputs().get("word");
                        String said = "loud".equals(run.inputs().get("tone")) ? word.toUpperCase() : word;
                        String health;
                        try (HttpClient client = HttpClient.newHttpClient()) {
                            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(run.portierBaseUrl().resolve("/health"))
                                    .build(), HttpResponse.BodyHandlers.ofString());
                            health = "Portier's /health answered " + answer.statusCode();
                        } catch (Exception e) {
                            health = "Portier's /health could not be reached: " + e;
                        }
                        return new SandboxOutcome(true, List.of("Said " + said + " at " + door, health));
                    }
                }
            }
            """;

    private EchoSandboxPlugin() {
    }

    static void install(Path dataDir) throws IOException {
        PluginJars.plugin("echo-sandbox-plugin").requires(">=2.0.0 & <3.0.0").extension("test.echo.Factory", FACTORY)
                .writeTo(dataDir.resolve("plugins"));
    }
}
