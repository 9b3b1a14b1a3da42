package dev.portier.plugins.invue.internal;

import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.SandboxActions.SandboxAction;
import dev.portier.plugin.api.SandboxActions.SandboxInput;
import dev.portier.plugin.api.SandboxActions.SandboxOutcome;
import dev.portier.plugin.api.SandboxActions.SandboxRun;
import dev.portier.plugins.invue.simulator.LiveLockApiSimulator;
import dev.portier.plugins.invue.simulator.SandboxCa;
import dev.portier.plugins.invue.simulator.SimulatedLock;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What a newcomer can try on a sandbox connection: unbox a simulated lock (its serial and provisioning
 * code, to type into Portier's enrolment form), present a phone's certificates to a simulated lock, show
 * the sandbox CA's certificates, and renew the sandbox intermediate (to paste into the settings).
 */
final class InVueSandbox {

    static final String UNBOX = "unbox-lock";
    static final String PRESENT = "present-certificates";
    static final String SHOW_CA = "show-certificates";
    static final String RENEW = "renew-intermediate";

    private final InVueDriver driver;
    private final DriverContext context;
    private final SecureRandom random = new SecureRandom();

    InVueSandbox(InVueDriver driver, DriverContext context) {
        this.driver = driver;
        this.context = context;
    }

    List<SandboxAction> actions() {
        return List.of(
                new SandboxAction(UNBOX, "Unbox a simulated lock", "Makes a new LIVE Lock (provisioning bit 0) and shows what "
                        + "the InVue SDK reads from it: its serial number and provisioning code. Enrol a Portier lock with them.",
                        List.of(SandboxInput.text("serial", "Serial number (empty: a new one)", ""))),
                new SandboxAction(PRESENT, "Present a phone's certificates to a lock", "A phone holds its key certificate and "
                        + "the intermediate to the simulated lock, which checks the chain to InVue's root offline. Empty fields: "
                        + "what Portier publishes to phones for that lock.",
                        List.of(SandboxInput.lock("lock", "Lock"), SandboxInput.text("keyCertificate", "Key certificate (PEM)", ""),
                                SandboxInput.text("intermediate", "Intermediate certificate (PEM)", ""))),
                new SandboxAction(SHOW_CA, "Show the sandbox certificates", "InVue's (simulated) root and the sandbox customer "
                        + "intermediate, as PEM: what the connection's certificate fields default to in sandbox mode.", List.of()),
                new SandboxAction(RENEW, "Renew the sandbox intermediate", "Issues a renewal of the sandbox intermediate (same "
                        + "key, valid for a year from now). Paste it into the connection's intermediate field to try a renewal.",
                        List.of()));
    }

    SandboxOutcome run(SandboxRun run) {
        LiveLockApiSimulator simulator = driver.simulator();
        if (simulator == null) {
            return failed("This connection is not in sandbox mode, or has not started.");
        }
        return switch (run.actionId()) {
            case UNBOX -> unbox(simulator, run.inputs().getOrDefault("serial", "").trim());
            case PRESENT -> present(simulator, run);
            case SHOW_CA -> new SandboxOutcome(true, List.of("InVue root (simulated):", Pem.encode(SandboxCa.authority().root()),
                    "Customer intermediate \"" + SandboxCa.OWNER + "\":", Pem.encode(SandboxCa.intermediate().certificate())));
            case RENEW -> {
                Instant now = context.clock().instant();
                X509Certificate renewed = SandboxCa.authority().renew(SandboxCa.intermediate(), now, now.plus(Duration.ofDays(365)))
                        .certificate();
                yield new SandboxOutcome(true, List.of("Renewed intermediate, valid until " + renewed.getNotAfter().toInstant()
                        + "; paste it into the connection's intermediate field:", Pem.encode(renewed)));
            }
            default -> failed("Unknown action " + run.actionId());
        };
    }

    private SandboxOutcome unbox(LiveLockApiSimulator simulator, String typed) {
        String serial = typed.isEmpty() ? HexFormat.of().formatHex(random.generateSeed(8)) : typed;
        SimulatedLock lock = simulator.manufacture(serial);
        if (lock.provisioned()) {
            return new SandboxOutcome(true, List.of("Lock " + serial + " is provisioned already (bit 1): it no longer offers "
                    + "its provisioning code."));
        }
        return new SandboxOutcome(true, List.of("Serial number: " + serial, "Provisioning bit: 0 (new lock)",
                "Lock type: CAM", "Provisioning code: " + lock.provisioningCode(),
                "Add a lock with this serial number to the connection and enrol it with these values."));
    }

    private SandboxOutcome present(LiveLockApiSimulator simulator, SandboxRun run) {
        Optional<LockRef> lock = Optional.ofNullable(run.inputs().get("lock")).flatMap(id -> context.locks().byId(id));
        if (lock.isEmpty()) {
            return failed("Choose one of this connection's locks.");
        }
        String serial = lock.get().vendorReference();
        List<String> lines = new ArrayList<>();
        X509Certificate keyCertificate;
        X509Certificate intermediate;
        try {
            keyCertificate = certificate(run.inputs().get("keyCertificate"), driver.keyCertificate(serial));
            intermediate = certificate(run.inputs().get("intermediate"), Optional.of(driver.settings().chain().intermediate()));
        } catch (Pem.NotACertificate e) {
            return failed("A certificate field " + e.getMessage() + ".");
        }
        if (keyCertificate == null) {
            return failed("Portier holds no key certificate for lock " + serial + ": enrol it first (or paste one).");
        }
        lines.add("Phone presents key certificate " + TrustChain.subject(keyCertificate) + " and intermediate "
                + TrustChain.subject(intermediate) + " (valid until " + intermediate.getNotAfter().toInstant() + ")");
        SimulatedLock.Attempt attempt = simulator.manufacture(serial).present(keyCertificate, intermediate);
        lines.add("Lock " + serial + ": " + attempt.reason());
        return new SandboxOutcome(true, lines);
    }

    private static X509Certificate certificate(String pem, Optional<X509Certificate> otherwise) throws Pem.NotACertificate {
        if (pem == null || pem.isBlank()) {
            return otherwise.orElse(null);
        }
        return Pem.certificates(pem).getFirst();
    }

    private static SandboxOutcome failed(String why) {
        return new SandboxOutcome(false, List.of(why));
    }
}
