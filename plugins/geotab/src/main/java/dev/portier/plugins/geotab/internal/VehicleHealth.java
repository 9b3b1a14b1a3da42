package dev.portier.plugins.geotab.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.LockHealth;
import dev.portier.plugin.api.LockRef;
import java.io.IOException;
import java.time.Instant;

/**
 * Each vehicle's {@link LockHealth} from what the service tells about its GO device: whether it
 * communicates, when it last did, and its firmware. A GO device has no battery of its own to report
 * (it runs on the vehicle's), so battery stays unknown. The Keyless document names no such call: the
 * plugin reads {@code GET …/devices/{serialNumber}/status} as its simulator serves it (see the
 * README); where the service does not answer it, nothing is reported.
 */
final class VehicleHealth {

    private final GeotabDriver driver;
    private final DriverContext context;

    VehicleHealth(GeotabDriver driver, DriverContext context) {
        this.driver = driver;
        this.context = context;
    }

    /**
     * Reports every vehicle of the connection. Stops at the first failure to reach the service (the
     * connection's status already says so); the next period tries again.
     */
    void checkAll() {
        for (LockRef vehicle : context.locks().all()) {
            try {
                check(vehicle);
            } catch (IOException | RuntimeException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Reports one vehicle's health when the service answers its device status. */
    void check(LockRef vehicle) throws IOException, InterruptedException {
        KeylessClient.Answer answer = driver.client().deviceStatus(vehicle.vendorReference());
        if (!answer.ok() || !answer.json().isObject()) {
            return;
        }
        JsonNode status = answer.json();
        JsonNode communicating = status.get("isDeviceCommunicating");
        Long lastCommunication = KeylessJson.number(status, "lastCommunicationTimestamp");
        context.reportHealth(new LockHealth(vehicle.lockId(),
                communicating != null && communicating.isBoolean() ? communicating.booleanValue() : null,
                null, false, lastCommunication == null ? null : Instant.ofEpochMilli(lastCommunication),
                KeylessJson.text(status, "firmwareVersion")));
    }
}
