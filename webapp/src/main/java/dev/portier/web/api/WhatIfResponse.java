package dev.portier.web.api;

import dev.portier.access.Subject;
import dev.portier.access.whatif.PairChange;
import dev.portier.access.whatif.WhatIfDiff;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** What a change would do to who can open what; nothing of it is saved. */
@Schema(description = "The difference a change would make, decided by the one access decision before and after it at each of "
        + "`moments` (now, a grant's future start, the next opening of each schedule window within a week); the change "
        + "ran exactly as it would be applied, in a transaction that was rolled back")
public record WhatIfResponse(
        @Schema(description = "One sentence", example = "Issues 8 key(s) on 3 lock(s), withdraws 0; 8 person/card × lock pair(s) "
                + "gain access on 3 lock(s), 0 lose it on 0 lock(s).") String summary,
        @Schema(description = "Grants the change creates, changes or revokes") int grantsTouched,
        @Schema(description = "Person-or-card × lock pairs decided") int pairsLooked,
        @Schema(description = "Gained pairs whose allowing grant delivers pre-issued keys: keys issued") long keysIssued,
        @Schema(description = "Lost pairs that a grant with pre-issued keys allowed: keys withdrawn") long keysWithdrawn,
        @Schema(description = "Locks on which someone gains access") long locksGaining,
        @Schema(description = "Locks on which someone loses access") long locksLosing,
        List<Pair> gained, List<Pair> lost, List<Instant> moments,
        @Schema(description = "Vendor limits the change would hit, one sentence each") List<String> warnings) {

    /** A person or card gaining or losing one lock. */
    public record Pair(
            @Schema(description = "The person (or cardId)", nullable = true) String personId,
            @Schema(description = "The card (or personId)", nullable = true) String cardId,
            @Schema(description = "The person's name, or Card and its serial") String name,
            String lockId, String lockName,
            @Schema(description = "The first moment looked at where the decision differs") Instant at,
            @Schema(description = "The grant that allows it (after the change for a gain, before for a loss); null for a "
                    + "grant the change creates, which gets its id when saved", nullable = true) String grantId,
            @Schema(description = "Whether that grant delivers pre-issued keys") boolean preIssuedKey) {

        static Pair of(PairChange c) {
            return new Pair(c.subject() instanceof Subject.Person ? c.subject().id() : null,
                    c.subject() instanceof Subject.Card ? c.subject().id() : null, c.subjectName(), c.lockId(), c.lockName(), c.at(),
                    c.grantId(), c.preIssuedKey());
        }
    }

    static WhatIfResponse of(WhatIfDiff d) {
        return new WhatIfResponse(d.summary(), d.grantsTouched(), d.pairsLooked(), d.keysIssued(), d.keysWithdrawn(), d.locksGaining(),
                d.locksLosing(), d.gained().stream().map(Pair::of).toList(), d.lost().stream().map(Pair::of).toList(), d.moments(),
                d.warnings());
    }
}
