package dev.portier.domain.locks;

/**
 * What a person types to create or change a lock.
 *
 * @param connectionId the connection the lock belongs to, or {@code null}; when given, the lock's driver
 *                     is that connection's driver whatever {@code driverId} says
 */
public record LockDraft(String siteId, String name, LockKind kind, String driverId, String vendorReference, LockState state,
        String connectionId) {

    /** A lock that belongs to no connection. */
    public LockDraft(String siteId, String name, LockKind kind, String driverId, String vendorReference, LockState state) {
        this(siteId, name, kind, driverId, vendorReference, state, null);
    }
}
