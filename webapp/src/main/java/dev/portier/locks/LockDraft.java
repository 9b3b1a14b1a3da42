package dev.portier.locks;

/** What a person types to create or change a lock. */
public record LockDraft(String siteId, String name, LockKind kind, String driverId, String vendorReference, LockState state) {
}
