package dev.portier.plugins.geotab.internal;

import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.SandboxActions.SandboxAction;
import dev.portier.plugin.api.SandboxActions.SandboxInput;
import dev.portier.plugin.api.SandboxActions.SandboxOutcome;
import dev.portier.plugin.api.SandboxActions.SandboxRun;
import dev.portier.plugins.geotab.simulator.GoDevice;
import dev.portier.plugins.geotab.simulator.KeylessSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a newcomer can try on a sandbox connection: tap a card at a simulated vehicle (short tap or
 * long hold), take a vehicle offline and back, and look at the keys stored on it. The simulator calls
 * Portier's webhook on the run's loopback address, so a CheckIn request goes through the real
 * webhook, the core's access decision and the commands endpoint, as it would with Geotab.
 */
final class GeotabSandbox {

    static final String TAP = "tap-card";
    static final String CONNECTIVITY = "connectivity";
    static final String SHOW_KEYS = "show-keys";
    static final String SHORT_TAP = "Short tap";
    static final String LONG_HOLD = "Long hold (about 7 s)";
    static final String OFFLINE = "Take offline";
    static final String ONLINE = "Back online";
    /** How long a tap waits for Portier's answer to a CheckIn request: inside the host's 10 s call limit. */
    private static final Duration PATIENCE = Duration.ofSeconds(6);

    private final GeotabDriver driver;
    private final DriverContext context;

    GeotabSandbox(GeotabDriver driver, DriverContext context) {
        this.driver = driver;
        this.context = context;
    }

    List<SandboxAction> actions() {
        return List.of(
                new SandboxAction(TAP, "Tap a card", "Holds a Geotab Keyless NFC card to the vehicle's reader. A long hold "
                        + "with a card the vehicle does not know asks Portier, which checks grants and reservations.",
                        List.of(SandboxInput.lock("lock", "Vehicle"), SandboxInput.text("card", "Card serial number", "743227D3PR"),
                                SandboxInput.choice("hold", "How", List.of(SHORT_TAP, LONG_HOLD)))),
                new SandboxAction(CONNECTIVITY, "Take a vehicle offline / back online", "Offline, taps still work with stored "
                        + "keys; their notifications reach Portier when the vehicle is back online, in the order they happened.",
                        List.of(SandboxInput.lock("lock", "Vehicle"), SandboxInput.choice("network", "Network", List.of(OFFLINE, ONLINE)))),
                new SandboxAction(SHOW_KEYS, "Show the vehicle's stored keys", "Lists the stored virtual keys on the GO device "
                        + "(the Keyless Service keeps them in sync itself) beside the ones Portier created.",
                        List.of(SandboxInput.lock("lock", "Vehicle"))));
    }

    SandboxOutcome run(SandboxRun run) {
        KeylessSimulator simulator = driver.simulator();
        if (simulator == null) {
            return failed("This connection is not in sandbox mode, or has not started.");
        }
        Optional<LockRef> vehicle = Optional.ofNullable(run.inputs().get("lock")).flatMap(id -> context.locks().byId(id));
        if (vehicle.isEmpty()) {
            return failed("Choose one of this connection's vehicles.");
        }
        if (run.portierBaseUrl() != null) {
            simulator.courier().deliverTo(run.portierBaseUrl());
        }
        GoDevice device = simulator.device(vehicle.get().vendorReference());
        return switch (run.actionId()) {
            case TAP -> tap(device, run);
            case CONNECTIVITY -> {
                String network = run.inputs().getOrDefault("network", OFFLINE);
                if (!network.equals(OFFLINE) && !network.equals(ONLINE)) {
                    yield failed("Network is \"" + OFFLINE + "\" or \"" + ONLINE + "\".");
                }
                yield new SandboxOutcome(true, device.setOnline(network.equals(ONLINE)).lines());
            }
            case SHOW_KEYS -> showKeys(device, vehicle.get());
            default -> failed("Unknown action " + run.actionId());
        };
    }

    private SandboxOutcome tap(GoDevice device, SandboxRun run) {
        String card = SerialNumbers.normalise(run.inputs().getOrDefault("card", ""));
        if (card == null || card.isBlank()) {
            return failed("Type the card's serial number.");
        }
        String hold = run.inputs().getOrDefault("hold", SHORT_TAP);
        if (!hold.equals(SHORT_TAP) && !hold.equals(LONG_HOLD)) {
            return failed("How is \"" + SHORT_TAP + "\" or \"" + LONG_HOLD + "\".");
        }
        GoDevice.Outcome outcome = device.tap(card, hold.equals(LONG_HOLD), PATIENCE);
        List<String> lines = new ArrayList<>(outcome.lines());
        outcome.deliveries().stream().filter(d -> !d.type().equals("CheckIn"))
                .forEach(d -> lines.add("Notified Portier of " + d.type() + ": HTTP " + d.status() + " " + d.answer()));
        return new SandboxOutcome(true, lines);
    }

    private SandboxOutcome showKeys(GoDevice device, LockRef vehicle) {
        List<String> lines = new ArrayList<>(device.describe());
        List<KeyLedger.Entry> created = driver.storedKeys().activeKeys(vehicle.vendorReference());
        lines.add("Portier created " + created.size() + " active stored key(s) for this vehicle:");
        for (KeyLedger.Entry key : created) {
            lines.add("  " + key.keyId() + " " + Instant.ofEpochMilli(key.begin()) + " – " + Instant.ofEpochMilli(key.end())
                    + ", cards " + key.cards());
        }
        return new SandboxOutcome(true, lines);
    }

    private static SandboxOutcome failed(String why) {
        return new SandboxOutcome(false, List.of(why));
    }
}
