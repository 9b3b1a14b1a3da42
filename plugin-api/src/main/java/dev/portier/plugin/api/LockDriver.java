package dev.portier.plugin.api;

/**
 * The driver of one connection (one account's instance of a vendor integration). It also implements
 * the capability interfaces its factory declares.
 *
 * <p>The host calls {@link #initialize()} once, then capability methods from its worker threads
 * (possibly concurrently: a driver must be thread-safe), then {@link #dispose()} once. Each call has a
 * time limit; a call that throws or overruns marks the connection failed without affecting others.
 */
public interface LockDriver {

    /**
     * Starts the connection. Must return quickly and never block: start any check against the vendor
     * through {@link DriverContext#scheduler()} and report the outcome with
     * {@link DriverContext#reportStatus}. Settings that cannot work are reported as
     * {@link StatusDetail#CONFIGURATION_ERROR}, not thrown.
     */
    void initialize();

    /**
     * Checks the connection now, for the "Test connection" button: may block (a host worker calls it
     * with a time limit) and answers the status it found. The default reports what is known.
     */
    default DriverStatus test() {
        return DriverStatus.initializing();
    }

    /** Stops the connection and releases everything it holds. Must not block for long; called once. */
    void dispose();
}
