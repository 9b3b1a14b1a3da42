package dev.portier.plugins.tapkey.simulator;

import dev.portier.plugins.tapkey.PhysicalLockId;
import java.time.Duration;
import java.util.HexFormat;

/**
 * What a sandbox connection's simulated Tapkey holds when it starts: a client-credentials client that
 * co-administers two owner accounts (a third exists that it may not see), bound locks with and without
 * iCal support, and bound cards. The same every time, so a sandbox connection's saved owner account and
 * imported locks fit again after a restart.
 */
public final class SandboxWorld {

    public static final String CLIENT_ID = "portier-sandbox";
    public static final String CLIENT_SECRET = "sandbox-secret";
    public static final String OFFICE = "sandbox-office";
    public static final String WAREHOUSE = "sandbox-warehouse";
    public static final String FOREIGN = "someone-else";
    public static final String[] SCOPES = {"read:owneraccounts", "read:core:entities", "write:core:entities", "read:grants",
            "write:grants", "read:logs"};
    public static final PhysicalLockId FRONT_DOOR = PhysicalLockId.of(HexFormat.of().parseHex("1234BFFB"));
    public static final PhysicalLockId MEETING_ROOM = PhysicalLockId.of(HexFormat.of().parseHex("1234C0A7"));
    public static final PhysicalLockId BIKE_SHED = PhysicalLockId.of(HexFormat.of().parseHex("00AC12"));
    public static final PhysicalLockId LOADING_BAY = PhysicalLockId.of(HexFormat.of().parseHex("7F0001C2"));

    private SandboxWorld() {
    }

    /** Puts the sandbox's client, owners, locks and cards into {@code simulator}; log entries arrive 20 s after they are written. */
    public static TapkeySimulator seed(TapkeySimulator simulator) {
        simulator.addClient(CLIENT_ID, CLIENT_SECRET, SCOPES);
        TapkeyWorld world = simulator.world();
        world.addOwner(OFFICE, "Sandbox office", CLIENT_ID);
        world.addOwner(WAREHOUSE, "Sandbox warehouse", CLIENT_ID);
        world.addOwner(FOREIGN, "Another company (not co-administered)");
        world.bindLock(OFFICE, "Front door", FRONT_DOOR, "TK.Td30", true);
        world.bindLock(OFFICE, "Meeting room", MEETING_ROOM, "TK.Td30", true);
        world.bindLock(OFFICE, "Bike shed", BIKE_SHED, "TK.Padlock.v1", false);
        world.bindLock(WAREHOUSE, "Loading bay", LOADING_BAY, "TK.Td30", true);
        world.bindCard(OFFICE, "Visitor card 1", "V-0001", "04A1B2C3D4E5F6", "BAAEobLD");
        world.bindCard(OFFICE, "Visitor card 2", "V-0002", "04A1B2C3D4E5F7", "BAAEobLE");
        world.logDelay(Duration.ofSeconds(20));
        return simulator;
    }
}
