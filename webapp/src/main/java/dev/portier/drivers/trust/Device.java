package dev.portier.drivers.trust;

import java.time.Instant;

/** A person's phone enrolled with Portier: its public keys, and whether it may still receive keys. */
public record Device(String id, String accountId, String personId, String name, String signingKey, String encryptionKey,
        DeviceState state, Instant createdAt, Instant lastSeenAt, Instant blockedAt, String blockedBy) {

    public enum DeviceState {
        ACTIVE, BLOCKED
    }
}
