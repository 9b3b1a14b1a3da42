package dev.portier.plugins.invue.internal;

import dev.portier.plugin.api.ConfigProperty;
import dev.portier.plugin.api.ConnectionState;
import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.DriverScheduler.Cancellable;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockEnrolment;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.SandboxActions;
import dev.portier.plugin.api.StatusDetail;
import dev.portier.plugins.invue.simulator.LiveLockApiSimulator;
import dev.portier.plugins.invue.simulator.SandboxCa;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One InVue LIVE Lock connection: enrolment by provisioning code (key certificates per serial), the
 * intermediate and key certificates published to phones, the intermediate's expiry as the connection's
 * status, and — in sandbox mode — its own simulated LIVE Lock API with simulated locks. The host
 * re-creates the driver whenever the settings change, so a renewed intermediate is published by the
 * new driver's first scheduled run. Thread-safe.
 */
public final class InVueDriver implements LockDriver, LockEnrolment, SandboxActions {

    /** How often the intermediate's validity is looked at and the certificates republished. */
    static final Duration CHECK_PERIOD = Duration.ofHours(6);

    private final InVueSettings settings;
    private final DriverContext context;
    private final Duration requestTimeout;
    private final PhonePublication phones;
    private final Enrolment enrolment;
    private final InVueSandbox sandbox;
    private final AtomicReference<DriverStatus> reported = new AtomicReference<>();
    private final List<Cancellable> scheduled = new ArrayList<>();
    private volatile LiveLockClient client;
    private volatile LiveLockApiSimulator simulator;
    private volatile SimulatorHttp simulatorHttp;
    private volatile boolean disposed;

    public InVueDriver(InVueSettings settings, DriverContext context, Duration requestTimeout) {
        this.settings = settings;
        this.context = context;
        this.requestTimeout = requestTimeout;
        if (settings.usable() && !settings.sandbox()) {
            client = new LiveLockClient(context.http(), settings.baseUrl(), settings.apiKey(), requestTimeout);
        }
        this.phones = new PhonePublication(context, settings);
        this.enrolment = new Enrolment(context, settings, this::client, phones);
        this.sandbox = new InVueSandbox(this, context);
    }

    @Override
    public void initialize() {
        if (!settings.usable()) {
            report(DriverStatus.offline(StatusDetail.CONFIGURATION_ERROR, settings.problem().message()));
            return;
        }
        report(DriverStatus.initializing());
        if (settings.sandbox()) {
            // Binding a loopback port is local and quick; the simulator shares the host's clock.
            simulator = LiveLockApiSimulator.start(settings.apiKey(), SandboxCa.authority().root(), SandboxCa.intermediate(),
                    SandboxCa.lockSeed(), context.clock());
            simulatorHttp = new SimulatorHttp();
            client = new LiveLockClient(simulatorHttp, URI.create(simulator.url()), settings.apiKey(), requestTimeout);
        }
        synchronized (scheduled) {
            // Publishing blocks on the database: never from initialize() itself.
            scheduled.add(context.scheduler().after(Duration.ZERO, this::check));
            scheduled.add(context.scheduler().every(CHECK_PERIOD, this::check));
        }
    }

    @Override
    public DriverStatus test() {
        DriverStatus status = settings.usable() ? status(context.clock().instant())
                : DriverStatus.offline(StatusDetail.CONFIGURATION_ERROR, settings.problem().message());
        report(status);
        return status;
    }

    @Override
    public void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        synchronized (scheduled) {
            scheduled.forEach(Cancellable::cancel);
            scheduled.clear();
        }
        LiveLockApiSimulator running = simulator;
        if (running != null) {
            running.close();
        }
        SimulatorHttp http = simulatorHttp;
        if (http != null) {
            http.close();
        }
    }

    @Override
    public List<ConfigProperty> enrolmentInputs() {
        return Enrolment.INPUTS;
    }

    @Override
    public EnrolmentResult enrol(EnrolmentRequest request) {
        return enrolment.enrol(request);
    }

    @Override
    public List<SandboxAction> sandboxActions() {
        return settings.usable() && settings.sandbox() && simulator != null ? sandbox.actions() : List.of();
    }

    @Override
    public SandboxOutcome run(SandboxRun run) {
        return sandbox.run(run);
    }

    /** The simulator of a sandbox connection, once initialised; {@code null} in production mode. */
    public LiveLockApiSimulator simulator() {
        return simulator;
    }

    InVueSettings settings() {
        return settings;
    }

    Optional<java.security.cert.X509Certificate> keyCertificate(String serial) {
        return enrolment.keyCertificate(serial);
    }

    private LiveLockClient client() {
        LiveLockClient current = client;
        if (current == null) {
            throw new IllegalStateException("The InVue connection has not started yet");
        }
        return current;
    }

    /** Reports the intermediate's validity, then (re)publishes the intermediate and the enrolled locks' key certificates. */
    private void check() {
        DriverStatus status = status(context.clock().instant());
        report(status);
        if (status.state() != ConnectionState.ONLINE || disposed) {
            return;
        }
        phones.publishIntermediate();
        for (LockRef lock : context.locks().all()) {
            if (disposed || Thread.currentThread().isInterrupted()) {
                return;
            }
            enrolment.keyCertificate(lock.vendorReference()).ifPresent(certificate -> phones.publishLock(lock.lockId(), certificate));
        }
    }

    private DriverStatus status(Instant now) {
        var validity = settings.chain().validityAt(now);
        if (validity.isPresent()) {
            return DriverStatus.offline(StatusDetail.CONFIGURATION_ERROR, validity.get().message());
        }
        List<String> notes = settings.chain().notes(now);
        return new DriverStatus(ConnectionState.ONLINE, StatusDetail.NONE, String.join(" ", notes));
    }

    /** Reports only changes, and nothing once disposed. */
    private void report(DriverStatus status) {
        if (disposed) {
            return;
        }
        DriverStatus previous = reported.getAndSet(status);
        if (!status.equals(previous)) {
            context.reportStatus(status);
        }
    }
}
