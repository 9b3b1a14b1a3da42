package dev.portier.plugins.tapkey;

import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.plugin.conformance.TestDriverContext;
import dev.portier.plugins.tapkey.internal.TapkeyClient;
import dev.portier.plugins.tapkey.internal.TapkeyDriver;
import dev.portier.plugins.tapkey.simulator.TapkeySimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A simulated Tapkey over HTTP with one co-administered owner account (a door with iCal support, a shed
 * without, a bound card), another the client may not see, and a production connection's settings pointing
 * at it. The simulator follows the test context's clock.
 */
final class TapkeyFixture implements AutoCloseable {

    static final String CLIENT = "portier-client";
    static final String SECRET = "s3cret";
    static final String OWNER = "owner-1";
    static final String FOREIGN = "owner-2";
    static final PhysicalLockId DOOR = PhysicalLockId.of(HexFormat.of().parseHex("1234BFFB"));
    static final PhysicalLockId SHED = PhysicalLockId.of(HexFormat.of().parseHex("00AC12"));
    static final LockRef DOOR_LOCK = new LockRef("lock-1", DOOR.base64(), "Front door", "Europe/Oslo");
    static final LockRef SHED_LOCK = new LockRef("lock-2", SHED.base64(), "Bike shed", "Europe/Oslo");
    static final String CARD_LABEL = "V-0001";

    /** The clock the simulator reads; set per context with {@link #follow}. */
    private volatile Clock clock = new MutableClock(TestDriverContext.START);
    final TapkeySimulator simulator;
    final String doorId;
    final String shedId;
    final String cardId;
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    TapkeyFixture() {
        simulator = TapkeySimulator.start(new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clock.instant();
            }
        });
        simulator.addClient(CLIENT, SECRET, "read:owneraccounts", "read:core:entities", "write:core:entities", "read:grants",
                "write:grants", "read:logs");
        simulator.world().addOwner(OWNER, "Main office", CLIENT);
        simulator.world().addOwner(FOREIGN, "Someone else's");
        doorId = simulator.world().bindLock(OWNER, "Front door", DOOR, "TK.Td30", true);
        shedId = simulator.world().bindLock(OWNER, "Bike shed", SHED, "TK.Padlock", false);
        cardId = simulator.world().bindCard(OWNER, "Visitor card", CARD_LABEL, "04:A1:B2:C3", "BAAEobLD");
    }

    /** The simulator reads this context's clock from now on. */
    void follow(TestDriverContext context) {
        this.clock = context.clock();
    }

    Map<String, String> configuration() {
        Map<String, String> values = new HashMap<>();
        values.put("mode", "production");
        values.put("clientId", CLIENT);
        values.put("clientSecret", SECRET);
        values.put("loginUrl", simulator.tokenUrl());
        values.put("baseUrl", simulator.apiUrl());
        values.put("ownerAccount", OWNER);
        return values;
    }

    /** Tuning with short waits that are recorded, and log pages of {@code pageSize}. */
    TapkeyDriver.Tuning tuning(int pageSize) {
        return new TapkeyDriver.Tuning(new TapkeyClient.Pacing(3, Duration.ofSeconds(2), Duration.ofSeconds(2)), duration -> {
            waits.add(duration);
            Thread.sleep(Math.min(duration.toMillis(), 50));
        }, pageSize);
    }

    /** A started production driver on a fresh context (with the door and the shed as Portier locks). */
    Started start(Map<String, String> configuration, int pageSize) {
        TestDriverContext context = TestDriverContext.of(configuration);
        follow(context);
        context.addLock(DOOR_LOCK);
        context.addLock(SHED_LOCK);
        LockDriver driver = new TapkeyFactory(tuning(pageSize)).create(context.configuration(), context);
        driver.initialize();
        return new Started(context, (TapkeyDriver) driver);
    }

    Started start() {
        return start(configuration(), 500);
    }

    record Started(TestDriverContext context, TapkeyDriver driver) implements AutoCloseable {
        @Override
        public void close() {
            context.dispose(driver);
            context.close();
        }
    }

    @Override
    public void close() {
        simulator.close();
    }
}
