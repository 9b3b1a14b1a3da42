package dev.portier.access;

import dev.portier.grants.Grant;
import dev.portier.grants.Permission;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The answer to "may this subject do this at this lock at this instant, and why": the allowing
 * grant, or the reasons nothing allows. {@code openUntil} is when the allowing grant's validity or
 * the current schedule window ends, whichever is first (empty: no end in sight).
 */
public record Decision(boolean allowed, Subject subject, String lockId, Permission permission, Instant at, ZoneId zone,
        Grant grant, Instant openUntil, List<DenialReason> reasons, List<GrantVerdict> considered) {

    public Optional<Grant> allowingGrant() {
        return Optional.ofNullable(grant);
    }

    public Optional<Instant> openUntilIfAny() {
        return Optional.ofNullable(openUntil);
    }

    /** One sentence for people: the verdict and its main reason. */
    public String summary() {
        if (allowed) {
            return "Allowed by the grant for " + grant.subjectLabel() + " on " + grant.targetLabel();
        }
        return "Denied: " + reasons.getFirst().description();
    }
}
