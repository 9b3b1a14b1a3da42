package dev.portier.plugins.unloc.internal;

import dev.portier.plugin.api.ConnectionState;
import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.PluginHttpEndpoints;
import dev.portier.plugin.api.SandboxActions;
import dev.portier.plugin.api.StatusDetail;
import dev.portier.plugins.unloc.UnlocSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One account's Unloc connection. Unloc calls Portier, never the other way round, so there is
 * nothing to connect to: the driver checks its settings and is ready, and answers Unloc's
 * check-access at the connection's URL ({@link CheckAccess}). In sandbox mode it offers the Unloc
 * simulator as the action "Scan a lock's NFC sticker". Immutable; the host may call it from any
 * worker.
 */
public final class UnlocDriver implements LockDriver, PluginHttpEndpoints, SandboxActions {

    public static final String SCAN_STICKER = "scan-sticker";

    private static final SandboxAction SCAN = new SandboxAction(SCAN_STICKER, "Scan a lock's NFC sticker",
            "Plays the Unloc platform: asks this connection's check-access endpoint over HTTP, as Unloc does when an app "
                    + "user without a key scans the sticker, and shows the temporary key Unloc would create.",
            List.of(SandboxInput.lock("lock", "Lock"), SandboxInput.text("phone", "Phone number", "+4712345678")));

    private final UnlocSettings.Parsed parsed;
    private final DriverContext context;
    private final CheckAccess checkAccess;

    public UnlocDriver(UnlocSettings.Parsed parsed, DriverContext context) {
        this.parsed = parsed;
        this.context = context;
        this.checkAccess = new CheckAccess(parsed.settings(), context);
    }

    @Override
    public void initialize() {
        context.reportStatus(status());
    }

    @Override
    public DriverStatus test() {
        return status();
    }

    private DriverStatus status() {
        if (parsed.settings().isEmpty()) {
            return DriverStatus.offline(StatusDetail.CONFIGURATION_ERROR, parsed.problem());
        }
        UnlocSettings settings = parsed.settings().get();
        return new DriverStatus(ConnectionState.ONLINE, StatusDetail.NONE,
                "Answers Unloc's check-access at " + CheckAccess.urlPath(context.connectionId()) + " with the "
                        + settings.headerName() + " header" + (settings.sandbox() ? " (sandbox)" : ""));
    }

    @Override
    public void dispose() {
        // Nothing runs: the driver only answers requests.
    }

    @Override
    public PluginHttpResponse handle(PluginHttpRequest request) {
        return checkAccess.handle(request);
    }

    @Override
    public List<SandboxAction> sandboxActions() {
        return parsed.settings().filter(UnlocSettings::sandbox).map(s -> List.of(SCAN)).orElse(List.of());
    }

    @Override
    public SandboxOutcome run(SandboxRun run) {
        List<String> problems = new ArrayList<>();
        Optional<UnlocSettings> settings = parsed.settings().filter(UnlocSettings::sandbox);
        if (settings.isEmpty()) {
            problems.add("This connection is not in sandbox mode");
        } else if (!SCAN_STICKER.equals(run.actionId())) {
            problems.add("There is no sandbox action '" + run.actionId() + "'");
        }
        String lockId = run.inputs().getOrDefault("lock", "");
        String phone = run.inputs().getOrDefault("phone", "").strip();
        Optional<LockRef> lock = lockId.isBlank() ? Optional.empty() : context.locks().byId(lockId);
        if (problems.isEmpty() && lock.isEmpty()) {
            problems.add("Choose one of this connection's locks");
        }
        if (problems.isEmpty() && (lock.get().vendorReference() == null || lock.get().vendorReference().isBlank())) {
            problems.add("The lock " + lock.get().name() + " has no vendor reference: enter its Unloc lock id on the lock");
        }
        if (problems.isEmpty() && phone.isEmpty()) {
            problems.add("Enter the phone number the Unloc app is logged in with, like +4712345678");
        }
        if (problems.isEmpty() && run.portierBaseUrl() == null) {
            problems.add("The host did not say where Portier answers HTTP");
        }
        if (!problems.isEmpty()) {
            return new SandboxOutcome(false, problems);
        }
        try (UnlocSimulator unloc = new UnlocSimulator(UnlocSimulator.checkAccessUrl(run.portierBaseUrl(), context.connectionId()),
                settings.get().headerName(), settings.get().apiKey())) {
            UnlocSimulator.Scan scan = unloc.scan(lock.get().vendorReference(), phone, context.clock().instant());
            return new SandboxOutcome(scan.reached(), scan.transcript());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SandboxOutcome(false, List.of("Interrupted before Portier answered"));
        }
    }
}
