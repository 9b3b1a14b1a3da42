package dev.portier.plugins.tapkey.internal;

import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.DriverScheduler.Cancellable;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.EventPulling;
import dev.portier.plugin.api.GrantSync;
import dev.portier.plugin.api.LockDiscovery;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.SandboxActions;
import dev.portier.plugin.api.Schedule;
import dev.portier.plugin.api.StatusDetail;
import dev.portier.plugins.tapkey.internal.TapkeyClient.CredentialsRefused;
import dev.portier.plugins.tapkey.internal.TapkeyClient.TapkeyException;
import dev.portier.plugins.tapkey.simulator.SandboxWorld;
import dev.portier.plugins.tapkey.simulator.TapkeySimulator;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One Tapkey connection (one owner account): its bound locks discovered, grants mirrored as Tapkey grants
 * for contacts and cards, revocations followed to the locks' revocation lists, lock logs pulled — and, in
 * sandbox mode, its own simulated Tapkey on loopback with sandbox actions. {@code initialize()} only
 * starts things; talking to Tapkey runs on the host's workers. Thread-safe.
 */
public final class TapkeyDriver implements LockDriver, LockDiscovery, GrantSync, EventPulling, SandboxActions {

    /** How often the connection's credentials and owner account are checked and the lock facts refreshed. */
    static final Duration CHECK_PERIOD = Duration.ofMinutes(15);

    /** What tests tune: the client's patience and waits, and the page size of log pulls. */
    public record Tuning(TapkeyClient.Pacing pacing, TapkeyClient.Sleeper sleeper, int logPageSize) {
        public static final Tuning DEFAULT = new Tuning(TapkeyClient.Pacing.DEFAULT, duration -> Thread.sleep(duration.toMillis()),
                TapkeyClient.PAGE_SIZE);
    }

    private final TapkeySettings settings;
    private final DriverContext context;
    private final Tuning tuning;
    private final DriverMemory memory;
    private final LockCatalogue locks;
    private final Grantees grantees;
    private final GrantMirror grants;
    private final LogReader logs;
    private final TapkeySandbox sandbox;
    private final AtomicReference<DriverStatus> reported = new AtomicReference<>();
    private final List<Cancellable> scheduled = new ArrayList<>();
    private volatile TapkeyClient client;
    private volatile TapkeySimulator simulator;
    private volatile SimulatorHttp simulatorHttp;
    private volatile boolean disposed;

    public TapkeyDriver(TapkeySettings settings, DriverContext context, Tuning tuning) {
        this.settings = settings;
        this.context = context;
        this.tuning = tuning;
        if (settings.usable() && !settings.sandbox()) {
            client = new TapkeyClient(context.http(), settings, context.clock(), tuning.pacing(), tuning.sleeper());
        }
        this.memory = new DriverMemory(context.secrets());
        this.locks = new LockCatalogue(this::client, memory);
        this.grantees = new Grantees(this::client, memory);
        this.grants = new GrantMirror(this::client, locks, grantees, memory, settings.revokeVerb());
        this.logs = new LogReader(this::client, locks, grantees, context.locks(), tuning.logPageSize());
        this.sandbox = new TapkeySandbox(this, context);
    }

    @Override
    public void initialize() {
        if (!settings.usable()) {
            report(DriverStatus.offline(StatusDetail.CONFIGURATION_ERROR, settings.problemMessage()));
            return;
        }
        if (settings.ownerAccount().isEmpty()) {
            report(DriverStatus.offline(StatusDetail.CONFIGURATION_ERROR,
                    "Choose the Tapkey owner account in the connection's settings (validate lists those the client co-administers)."));
            return;
        }
        report(DriverStatus.initializing());
        if (settings.sandbox()) {
            // Binding a loopback port is local and quick; the simulator shares the host's clock.
            simulator = SandboxWorld.seed(TapkeySimulator.start(context.clock()));
            simulatorHttp = new SimulatorHttp();
            client = new TapkeyClient(simulatorHttp, settings.at(simulator.url()), context.clock(), tuning.pacing(), tuning.sleeper());
        }
        synchronized (scheduled) {
            scheduled.add(context.scheduler().after(Duration.ZERO, this::check));
            scheduled.add(context.scheduler().every(CHECK_PERIOD, this::check));
        }
    }

    @Override
    public DriverStatus test() {
        DriverStatus status = settings.usable() ? status() : DriverStatus.offline(StatusDetail.CONFIGURATION_ERROR, settings.problemMessage());
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
        TapkeySimulator running = simulator;
        if (running != null) {
            running.close();
        }
        SimulatorHttp http = simulatorHttp;
        if (http != null) {
            http.close();
        }
    }

    @Override
    public Duration discoveryInterval() {
        return CHECK_PERIOD;
    }

    @Override
    public List<DiscoveredLock> discover() {
        return unchecked(locks::discover);
    }

    @Override
    public SyncedGrant push(GrantSnapshot grant) {
        return unchecked(() -> grants.push(grant));
    }

    @Override
    public void withdraw(GrantWithdrawal withdrawal) {
        unchecked(() -> {
            grants.withdraw(withdrawal);
            return null;
        });
    }

    @Override
    public ScheduleFit fit(LockRef lock, Schedule schedule) {
        return grants.fit(lock, schedule);
    }

    @Override
    public RevocationProgress progress(GrantWithdrawal withdrawal) {
        return unchecked(() -> grants.progress(withdrawal));
    }

    @Override
    public PulledEvents pull(String cursor) {
        return unchecked(() -> logs.pull(cursor));
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
    public TapkeySimulator simulator() {
        return simulator;
    }

    TapkeySettings settings() {
        return settings;
    }

    /** The Tapkey client; fails when the connection cannot work or has not started. */
    TapkeyClient client() {
        TapkeyClient current = client;
        if (current == null) {
            throw new IllegalStateException(settings.usable() ? "The Tapkey connection has not started yet" : settings.problemMessage());
        }
        return current;
    }

    private void check() {
        DriverStatus status = status();
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        report(status);
        if (status.state() == dev.portier.plugin.api.ConnectionState.ONLINE) {
            try {
                // Keeps the lock facts fit() answers from current, also before the host's first discovery.
                locks.discover();
            } catch (IOException e) {
                report(DriverStatus.offline(StatusDetail.COMMUNICATION_ERROR, "Tapkey's bound locks could not be read: " + e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A token, and the owner account readable with it. */
    private DriverStatus status() {
        if (settings.ownerAccount().isEmpty()) {
            return DriverStatus.offline(StatusDetail.CONFIGURATION_ERROR, "Choose the Tapkey owner account in the connection's settings.");
        }
        try {
            TapkeyClient tapkey = client();
            tapkey.get("Owners/" + TapkeyClient.segment(settings.ownerAccount()), Map.of());
            return DriverStatus.online();
        } catch (CredentialsRefused e) {
            return DriverStatus.offline(StatusDetail.AUTHENTICATION_ERROR, e.getMessage());
        } catch (TapkeyException e) {
            if (e.status() == 403 || e.status() == 404) {
                return DriverStatus.offline(StatusDetail.CONFIGURATION_ERROR, "The Tapkey client does not co-administer owner account "
                        + settings.ownerAccount() + " (HTTP " + e.status() + "): make its service account a co-admin in the Tapkey portal.");
            }
            if (e.status() == 401) {
                return DriverStatus.offline(StatusDetail.AUTHENTICATION_ERROR, e.getMessage());
            }
            return DriverStatus.offline(StatusDetail.COMMUNICATION_ERROR, e.getMessage());
        } catch (IOException e) {
            return DriverStatus.offline(StatusDetail.COMMUNICATION_ERROR, "Tapkey could not be reached: "
                    + Objects.toString(e.getMessage(), e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DriverStatus.initializing();
        } catch (IllegalStateException e) {
            return DriverStatus.offline(StatusDetail.CONFIGURATION_ERROR, e.getMessage());
        }
    }

    private interface Call<T> {
        T run() throws IOException, InterruptedException;
    }

    /** Network failures as unchecked exceptions: the host treats them as transient and retries. */
    private static <T> T unchecked(Call<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("Interrupted while talking to Tapkey"));
        }
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
