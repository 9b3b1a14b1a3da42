package dev.portier.plugins.example;

import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.conformance.TestDriverContext;
import dev.portier.plugins.example.internal.DoorControllerDriver;
import dev.portier.plugins.example.simulator.DoorControllerSimulator;
import java.util.HashMap;
import java.util.Map;

/** A simulated controller with a front and a back door, and a driver connected to it over real HTTP. */
final class ControllerFixture implements AutoCloseable {

    static final String API_KEY = "front-desk-key";
    static final LockRef FRONT_DOOR = new LockRef("lock-front", "front door", "Front door", "Europe/Oslo");
    static final LockRef BACK_DOOR = new LockRef("lock-back", "back", "Back door", "Europe/Oslo");

    final DoorControllerSimulator simulator;
    final TestDriverContext context;
    final DoorControllerDriver driver;

    private ControllerFixture(Map<String, String> settings, DoorControllerSimulator simulator) {
        this.simulator = simulator;
        this.context = TestDriverContext.of(settings);
        context.addLock(FRONT_DOOR);
        context.addLock(BACK_DOOR);
        this.driver = (DoorControllerDriver) new HttpDoorControllerFactory().create(context.configuration(), context);
    }

    /** A started driver with the right key. */
    static ControllerFixture start() {
        return start(Map.of());
    }

    /** A started driver whose settings are the working ones overridden by {@code overrides}. */
    static ControllerFixture start(Map<String, String> overrides) {
        DoorControllerSimulator simulator = DoorControllerSimulator.start(API_KEY);
        simulator.addDoor("front door");
        simulator.addDoor("back");
        simulator.addDoor("garage");
        Map<String, String> settings = new HashMap<>(Map.of("baseUrl", simulator.url(), "apiKey", API_KEY, "pollInterval", "5"));
        settings.putAll(overrides);
        ControllerFixture fixture = new ControllerFixture(settings, simulator);
        fixture.driver.initialize();
        return fixture;
    }

    @Override
    public void close() {
        context.dispose(driver);
        context.close();
        simulator.close();
    }
}
