package dev.portier.plugin.api;

/**
 * A Portier lock as a driver sees it. Immutable; any thread.
 *
 * @param lockId           Portier's id of the lock
 * @param vendorReference  the vendor's id (serial number, lock id, GO serial …)
 * @param name             the lock's name, for messages
 * @param timeZone         the IANA time zone of the lock's site
 */
public record LockRef(String lockId, String vendorReference, String name, String timeZone) {
}
