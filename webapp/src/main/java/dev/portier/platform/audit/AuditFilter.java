package dev.portier.platform.audit;

import java.time.Instant;

/**
 * What the audit page narrows to; every part optional ({@code null}).
 *
 * @param action  only this action
 * @param text    part of the actor, target or details, case-insensitive
 * @param from    at or after this instant
 * @param until   before this instant
 * @param hideSignIns leave out successful sign-ins and sign-outs (failed ones stay), unless {@code action} asks for them
 */
public record AuditFilter(AuditAction action, String text, Instant from, Instant until, boolean hideSignIns) {
    public static final AuditFilter NONE = new AuditFilter(null, null, null, null);

    /** Everything the other parts allow, sign-ins included. */
    public AuditFilter(AuditAction action, String text, Instant from, Instant until) {
        this(action, text, from, until, false);
    }
}
