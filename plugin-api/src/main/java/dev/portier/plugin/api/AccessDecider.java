package dev.portier.plugin.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The core's one access decision, as a driver asks it: "may this phone / card / person do this at
 * this lock at this instant?" Scoped to the connection's account. Blocks briefly on the database;
 * call it from capability methods, endpoints or scheduled work, never from {@code initialize()}.
 */
public interface AccessDecider {

    AccessAnswer decide(AccessQuestion question);

    /**
     * The decision for an on-demand request — a vendor asking whether to create a short key now
     * (Unloc's check-access): only grants that deliver keys on demand count (and running bookings);
     * a grant whose keys are pre-issued does not also answer on demand, which is the
     * {@link DenialReason#NO_ON_DEMAND_GRANT} denial. Blocks like {@link #decide}.
     *
     * <p>The default answers {@link #decide} for deciders that know no delivery (test doubles); the
     * host implements it. Since 2.1.0.
     */
    default AccessAnswer decideOnDemand(AccessQuestion question) {
        return decide(question);
    }

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
     * What a driver asks. Immutable.
     *
     * @param lockId     Portier's lock id (see {@link LockDirectory})
     * @param subject    who asks
     * @param permission what they want to do
     * @param at         the instant to decide for
     */
    record AccessQuestion(String lockId, Subject subject, Permission permission, Instant at) {
        public AccessQuestion {
            Objects.requireNonNull(lockId, "lockId");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(permission, "permission");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The decision. Immutable.
     *
     * @param allowed          the verdict
     * @param grantId          the allowing grant, or {@code null}
     * @param reservationId    the allowing booking, or {@code null} when no reservation was involved
     * @param openUntil        when the allowing grant's validity or current schedule window ends; {@code null} if never
     * @param onDemandDuration the allowing grant's on-demand key duration; {@code null} when denied
     * @param reasons          when denied, why; an unknown lock or subject is {@link DenialReason#NO_GRANT},
     *                         never an error. Empty when allowed.
     */
    record AccessAnswer(boolean allowed, String grantId, String reservationId, Instant openUntil, Duration onDemandDuration,
            List<DenialReason> reasons) {
        public AccessAnswer {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }

        /** A denial for {@code reasons}. */
        public static AccessAnswer denied(DenialReason... reasons) {
            return new AccessAnswer(false, null, null, null, null, List.of(reasons));
        }
    }
}
