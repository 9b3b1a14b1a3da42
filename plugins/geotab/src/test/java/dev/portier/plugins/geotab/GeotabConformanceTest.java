package dev.portier.plugins.geotab;

import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.RemoteCommands;
import dev.portier.plugin.api.RemoteCommands.LockCommand;
import dev.portier.plugin.conformance.LockDriverContract;
import dev.portier.plugins.geotab.simulator.KeylessSimulator;
import java.time.Clock;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Geotab driver, in production mode against the simulated Keyless Service, passes the conformance kit. */
class GeotabConformanceTest extends LockDriverContract {

    private static final String API_KEY = "conformance-key";
    private static final LockRef VAN = new LockRef("lock-1", "G9A720FBE29A", "Van 7", "Europe/Berlin");
    private static KeylessSimulator simulator;

    @BeforeAll
    static void startSimulator() {
        simulator = KeylessSimulator.start(API_KEY, "fleet", Clock.systemUTC());
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Override
    protected LockDriverFactory factory() {
        return new GeotabFactory();
    }

    @Override
    protected LockRef lock() {
        return VAN;
    }

    @Override
    protected Map<String, String> validConfiguration() {
        return Map.of("mode", "production", "database", "fleet", "baseUrl", simulator.url(), "apiKey", API_KEY,
                "publicBaseUrl", "https://portier.example.com");
    }

    @Override
    protected Map<String, String> invalidConfiguration() {
        return Map.of("mode", "production", "database", "fleet", "baseUrl", simulator.url(), "apiKey", API_KEY);
    }

    @Override
    protected LockCommand command() {
        return new LockCommand("command-1", RemoteCommands.CommandType.LOCATE, null);
    }

    @Override
    protected OptionalInt executions(String commandId) {
        // The Keyless API carries no command id: the simulator counts command requests for the van.
        return OptionalInt.of((int) simulator.requests().stream()
                .filter(r -> r.equals("POST /api/tenants/fleet/devices/" + VAN.vendorReference() + "/commands")).count());
    }
}
