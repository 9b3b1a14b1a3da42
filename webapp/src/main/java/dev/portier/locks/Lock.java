package dev.portier.locks;

import java.time.Instant;

/**
 * A door, vehicle, box, cabinet or gate of one site. {@code driverId} names the plugin that talks
 * to it and {@code vendorReference} the vendor's id for it (serial number, lock id …); both are
 * empty for a lock no driver manages yet.
 */
public record Lock(String id, String accountId, String siteId, String siteName, String siteTimeZone, String name,
        LockKind kind, String driverId, String vendorReference, LockState state, Instant createdAt) {
}
