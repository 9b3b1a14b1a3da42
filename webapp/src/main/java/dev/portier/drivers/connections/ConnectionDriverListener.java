package dev.portier.drivers.connections;

/**
 * Told when a connection's driver starts and before it is disposed: the extension point for host
 * features that work per running connection (event pulling), which sit beside this package and may
 * not be imported by it. Bound through a Guice multibinder. Called on the thread that starts or
 * disposes the driver; implementations return at once and never throw.
 */
public interface ConnectionDriverListener {

    /** The connection's driver was created and initialized; {@link ConnectionRuntime#callCapability} reaches it now. */
    void started(String accountId, String connectionId);

    /**
     * The connection's driver is about to be disposed: Portier stops, the connection changed (it starts
     * again) or it was deleted.
     *
     * @param deleted the connection is gone for good (forget what is kept for it)
     */
    void stopping(String connectionId, boolean deleted);
}
