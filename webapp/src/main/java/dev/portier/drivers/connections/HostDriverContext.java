package dev.portier.drivers.connections;

import dev.portier.plugin.api.LockHealth;
import dev.portier.plugin.api.PhoneMaterialPublisher;
import java.util.function.Consumer;
import dev.portier.plugin.api.AccessDecider;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.DriverScheduler;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.EventSink;
import dev.portier.plugin.api.LockDirectory;
import dev.portier.plugin.api.OutboundHttp;
import dev.portier.plugin.api.SecretStore;
import dev.portier.plugin.api.Signer;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the host gives one running connection's driver, every part scoped to that connection and its
 * account. The status the driver reports is kept here for the Connections page.
 */
final class HostDriverContext implements DriverContext {

    /** The context's parts, built by {@link ConnectionRuntime}. */
    record Parts(Clock clock, OutboundHttp http, SecretStore secrets, Signer signer, ConnectionScheduler scheduler,
            AccessDecider access, EventSink events, LockDirectory locks, PhoneMaterialPublisher phoneMaterial,
            Consumer<LockHealth> health, java.util.function.BiConsumer<DriverStatus, DriverStatus> statusChanged) {
    }

    private final String connectionId;
    private final DriverConfiguration configuration;
    private final Parts parts;
    private final AtomicReference<DriverStatus> status = new AtomicReference<>(DriverStatus.initializing());

    HostDriverContext(String connectionId, DriverConfiguration configuration, Parts parts) {
        this.connectionId = connectionId;
        this.configuration = configuration;
        this.parts = parts;
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public DriverConfiguration configuration() {
        return configuration;
    }

    @Override
    public Clock clock() {
        return parts.clock();
    }

    @Override
    public OutboundHttp http() {
        return parts.http();
    }

    @Override
    public SecretStore secrets() {
        return parts.secrets();
    }

    @Override
    public Signer signer() {
        return parts.signer();
    }

    @Override
    public DriverScheduler scheduler() {
        return parts.scheduler();
    }

    @Override
    public AccessDecider access() {
        return parts.access();
    }

    @Override
    public EventSink events() {
        return parts.events();
    }

    @Override
    public LockDirectory locks() {
        return parts.locks();
    }

    @Override
    public PhoneMaterialPublisher phoneMaterial() {
        return parts.phoneMaterial();
    }

    @Override
    public void reportHealth(LockHealth health) {
        parts.health().accept(health);
    }

    @Override
    public void reportStatus(DriverStatus reported) {
        if (reported != null) {
            DriverStatus before = status.getAndSet(reported);
            if (before.state() != reported.state()) {
                parts.statusChanged().accept(before, reported);
            }
        }
    }

    DriverStatus status() {
        return status.get();
    }

    ConnectionScheduler connectionScheduler() {
        return parts.scheduler();
    }

    @Override
    public String toString() {
        return "HostDriverContext[connection=" + connectionId + "]";
    }
}
