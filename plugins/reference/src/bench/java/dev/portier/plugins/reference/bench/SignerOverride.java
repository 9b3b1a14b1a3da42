package dev.portier.plugins.reference.bench;

import dev.portier.plugin.api.AccessDecider;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.DriverScheduler;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.EventSink;
import dev.portier.plugin.api.LockDirectory;
import dev.portier.plugin.api.LockHealth;
import dev.portier.plugin.api.OutboundHttp;
import dev.portier.plugin.api.PhoneMaterialPublisher;
import dev.portier.plugin.api.SecretStore;
import dev.portier.plugin.api.Signer;
import java.time.Clock;

/** The kit's test context with another signer (BouncyCastle's, like the host's, instead of the JDK's). */
record SignerOverride(DriverContext delegate, Signer signer) implements DriverContext {

    @Override
    public String connectionId() {
        return delegate.connectionId();
    }

    @Override
    public DriverConfiguration configuration() {
        return delegate.configuration();
    }

    @Override
    public Clock clock() {
        return delegate.clock();
    }

    @Override
    public OutboundHttp http() {
        return delegate.http();
    }

    @Override
    public SecretStore secrets() {
        return delegate.secrets();
    }

    @Override
    public DriverScheduler scheduler() {
        return delegate.scheduler();
    }

    @Override
    public AccessDecider access() {
        return delegate.access();
    }

    @Override
    public EventSink events() {
        return delegate.events();
    }

    @Override
    public LockDirectory locks() {
        return delegate.locks();
    }

    @Override
    public void reportStatus(DriverStatus status) {
        delegate.reportStatus(status);
    }

    @Override
    public PhoneMaterialPublisher phoneMaterial() {
        return delegate.phoneMaterial();
    }

    @Override
    public void reportHealth(LockHealth health) {
        delegate.reportHealth(health);
    }
}
