package dev.portier.identity.accounts;

import java.time.Instant;

/** A tenant: everything Portier stores belongs to exactly one account. */
public record Account(String id, String name, String timeZone, Instant createdAt) {
}
