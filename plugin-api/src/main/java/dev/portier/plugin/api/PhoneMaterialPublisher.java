package dev.portier.plugin.api;

/**
 * Puts {@link PhoneMaterial} on phones ({@link DriverContext#phoneMaterial()}), scoped to the
 * connection. Blocks briefly on the database: call it from capability methods or scheduled work,
 * never from {@link LockDriver#initialize()}. Thread-safe; both methods are idempotent.
 */
public interface PhoneMaterialPublisher {

    /** Publishes or replaces the material of this name (and lock). */
    void publish(PhoneMaterial material);

    /**
     * Takes material off phones at their next sync; unknown names do nothing.
     *
     * @param lockId the lock it was published for, or {@code null} for connection-wide material
     */
    void withdraw(String name, String lockId);
}
