package dev.portier.plugin.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The core's one access decision, as a driver asks it: "may this phone / card / person do this at
 * this lock at this instant?" Scoped to the connection's account. Blocks briefly on the database.
 */
public interface AccessDecider {

    AccessAnswer decide(AccessQuestion question);

    /**
     * Who asks. Exactly one way of naming the subject is set; the host resolves phone numbers (any
     * notation, normalised to E.164) and card serial numbers within the account.
     */
    record Subject(String personId, String cardId, String phone, String cardSerial) {
        public static Subject person(String personId) {
            return new Subject(personId, null, null, null);
        }

        public static Subject card(String cardId) {
            return new Subject(null, cardId, null, null);
        }

        public static Subject phone(String phone) {
            return new Subject(null, null, phone, null);
        }

        public static Subject cardSerial(String serial) {
            return new Subject(null, null, null, serial);
        }
    }

    /**
     * @param lockId     Portier's lock id (see {@link LockDirectory})
     * @param subject    who asks
     * @param permission "UNLOCK", "LOCK" or "IGNITION"
     * @param at         the instant to decide for
     */
    record AccessQuestion(String lockId, Subject subject, String permission, Instant at) {
    }

    /**
     * @param allowed            the verdict
     * @param grantId            the allowing grant, or {@code null}
     * @param openUntil          when the allowing grant's validity or current schedule window ends; {@code null} if never
     * @param onDemandDuration   the allowing grant's on-demand key duration; {@code null} when denied
     * @param reasons            when denied: reason codes (NO_GRANT, REVOKED, EXPIRED, OUTSIDE_SCHEDULE, CARD_LOST …);
     *                           an unknown lock or subject is NO_GRANT, never an error
     */
    record AccessAnswer(boolean allowed, String grantId, Instant openUntil, Duration onDemandDuration, List<String> reasons) {
        public AccessAnswer {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }
    }
}
