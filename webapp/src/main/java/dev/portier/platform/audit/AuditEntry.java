package dev.portier.platform.audit;

import java.time.Instant;

/** One line of the append-only audit log: who did what, to what, when, in which account. */
public record AuditEntry(String id, String accountId, String actorUserId, String actor, AuditAction action,
        String target, String details, Instant occurredAt) {
}
