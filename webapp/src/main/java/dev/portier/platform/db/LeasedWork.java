package dev.portier.platform.db;

/**
 * One piece of background work that runs in one Portier instance at a time (a connection's schedules, the
 * grant sync, key maintenance): the instance whose lease on it is current. Each run asks {@link #held()}
 * first and does nothing when another instance holds it; the work moves when the holder stops renewing.
 * Cheap to ask (no query); safe from any thread.
 */
public interface LeasedWork extends AutoCloseable {

    /** The work's lease name, e.g. {@code connection:<id>} or {@code key-maintenance}. */
    String name();

    /** Whether this instance runs the work now. */
    boolean held();

    /** Runs {@code work} here when this instance holds the lease; otherwise skips it (another instance runs it). */
    default void runIfHeld(Runnable work) {
        if (held()) {
            work.run();
        }
    }

    /** This instance no longer wants the work (the connection was stopped): gives the lease back at once. */
    @Override
    void close();
}
