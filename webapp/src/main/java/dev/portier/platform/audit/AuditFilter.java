package dev.portier.platform.audit;

import java.time.Instant;

/**
 * What the audit page narrows to; every part optional ({@code null}).
 *
 * @param action  only this action
 * @param text    part of the actor, target or details, case-insensitive
 * @param from    at or after this instant
 * @param until   before this instant
 */
public record AuditFilter(AuditAction action, String text, Instant from, Instant until) {
    public static final AuditFilter NONE = new AuditFilter(null, null, null, null);
}
