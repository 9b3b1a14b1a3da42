package dev.portier.access.whatif;

import dev.portier.access.Subject;
import java.time.Instant;

/**
 * One person or card that gains or loses access to one lock: {@code at} is the first instant looked at where the
 * decision differs, {@code grantId} the grant that allows it (after the change for a gain, before it for a loss), and
 * {@code preIssuedKey} whether that grant delivers pre-issued keys (a key is issued or withdrawn).
 */
public record PairChange(Subject subject, String subjectName, String lockId, String lockName, Instant at, String grantId,
        boolean preIssuedKey) {

    public String kind() {
        return subject instanceof Subject.Card ? "card" : "person";
    }
}
