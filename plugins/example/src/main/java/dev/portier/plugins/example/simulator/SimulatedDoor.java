package dev.portier.plugins.example.simulator;

import java.time.Instant;

/** A door's state in the simulator. Mutable; guarded by the simulator's lock. */
final class SimulatedDoor {

    final String reference;
    final String serialNumber;
    final String label;
    String state = "LOCKED";
    boolean online = true;
    int battery = 100;
    Instant lastSeen;
    String installerToken;
    Instant tokenExpiresAt;

    SimulatedDoor(String reference, String serialNumber, Instant now) {
        this.reference = reference;
        this.serialNumber = serialNumber;
        this.label = "Door " + reference + " (" + serialNumber + ")";
        this.lastSeen = now;
    }

    boolean batteryLow() {
        return battery < 20;
    }
}
