package dev.portier.plugins.example;

import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.conformance.LockDriverContract;
import dev.portier.plugins.example.simulator.DoorControllerSimulator;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The example driver passes the conformance kit against its simulator. */
class HttpDoorControllerConformanceTest extends LockDriverContract {

    private static final String API_KEY = "conformance-key";
    private static DoorControllerSimulator simulator;

    @BeforeAll
    static void startSimulator() {
        simulator = DoorControllerSimulator.start(API_KEY);
        simulator.addDoor("door-1");
        simulator.logByHand("door-1", "UNLOCKED");
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Override
    protected LockDriverFactory factory() {
        return new HttpDoorControllerFactory();
    }

    @Override
    protected Map<String, String> validConfiguration() {
        return Map.of("baseUrl", simulator.url(), "apiKey", API_KEY, "pollInterval", "5");
    }

    @Override
    protected Map<String, String> invalidConfiguration() {
        return Map.of("baseUrl", "ftp://doors.example.com", "apiKey", API_KEY, "pollInterval", "60");
    }

    @Override
    protected Map<String, String> enrolmentInputs() {
        return Map.of("serialNumber", "SN-door-1", "installerCode", DoorControllerSimulator.DEFAULT_INSTALLER_CODE);
    }

    @Override
    protected OptionalInt executions(String commandId) {
        return OptionalInt.of(simulator.executions(commandId));
    }
}
