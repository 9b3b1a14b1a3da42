package dev.portier.domain.locks;

import java.time.Instant;

/**
 * A door, vehicle, box, cabinet or gate of one site. {@code driverId} names the plugin that talks
 * to it and {@code vendorReference} the vendor's id for it (serial number, lock id …); both are
 * empty for a lock no driver manages yet. {@code connectionId} names the connection (configured driver
 * instance) the lock belongs to, if any; the lock's {@code driverId} is then that connection's driver.
 */
public record Lock(String id, String accountId, String siteId, String siteName, String siteTimeZone, String name,
        LockKind kind, String driverId, String vendorReference, LockState state, Instant createdAt,
        String connectionId) {
}
