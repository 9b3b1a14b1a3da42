package dev.portier.drivers.connections;

import dev.portier.plugin.api.LockEvent;

/**
 * Told of each event a running connection's driver recorded through its event sink, once the event is
 * durable and was new: the extension point for host features that follow what a vendor reports (a
 * vehicle's check-in moves its booking), which sit beside this package and may not be imported by it.
 * Bound through a Guice multibinder. Called on the driver's thread (e.g. a webhook's), before the
 * driver's {@code record} returns; implementations are quick, and what they throw is logged, never
 * passed to the driver, since the event itself was recorded.
 */
public interface DriverEventListener {

    void recorded(String accountId, String connectionId, LockEvent event);
}
