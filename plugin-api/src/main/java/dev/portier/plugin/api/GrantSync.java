package dev.portier.plugin.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Capability {@link Capability#GRANT_SYNC}: mirrors Portier's grants to a vendor cloud that issues
 * keys itself (contacts by email, cards by serial). The host calls it from a durable outbox, one call
 * per grant × lock × grantee, on a worker with a time limit; methods may block on the network.
 *
 * <p>Failures: {@link VendorRefusedException} or {@link LimitExceededException} are permanent (the
 * host stops and shows them); any other exception is transient, and the host retries the same call
 * later with backoff — so both methods must be idempotent.
 */
public interface GrantSync {

    /**
     * Creates or updates the grant at the vendor. Pushing the same snapshot again changes nothing.
     * When the grant changed, {@link GrantSnapshot#previousVendorReference()} names what the last push
     * created; a vendor that cannot edit in place revokes that and creates anew.
     *
     * @return the vendor's reference to what now represents the grant
     */
    SyncedGrant push(GrantSnapshot grant);

    /** Removes the grant at the vendor. Withdrawing an unknown or already withdrawn grant does nothing. */
    void withdraw(GrantWithdrawal withdrawal);

    /**
     * What the vendor and the lock will really enforce for {@code schedule} on {@code lock}. The host
     * calls it on the request thread when a grant form is filled in and before saving (to warn, never to
     * widen silently), so it must not block on the network: answer from what {@code discover()} and
     * earlier pushes taught the driver (kept in memory and/or durably in the connection's
     * {@link SecretStore}, which blocks only briefly). Must not throw. Since 2.2.0.
     *
     * @param lock     the lock the grant would cover
     * @param schedule when in the week the grant applies; never {@code null}
     * @return by default {@link ScheduleFit#exact} (vendors that enforce every weekly schedule as given),
     *         except that a schedule with {@link Schedule#holidays()} differs: a driver that programs its
     *         vendor with them (e.g. from the iCalendar's EXDATEs) overrides this (since 2.3.0)
     */
    default ScheduleFit fit(LockRef lock, Schedule schedule) {
        if (schedule.observesHolidays()) {
            return ScheduleFit.differs(schedule.withoutHolidays(), "This lock cannot observe holidays: "
                    + lock.name() + " will open on holidays as on other days of the week.");
        }
        return ScheduleFit.exact(schedule);
    }

    /**
     * How far a withdrawal has got. The host calls it after {@link #withdraw} succeeded, on a worker with
     * a time limit (it may block on the network), repeatedly with backoff until
     * {@link RevocationProgress.Stage#REACHED_LOCK}, and shows the stage on the revocation exposure view.
     * Any exception is transient: the host asks again later. A withdrawal the driver never pushed is
     * answered, not thrown. Since 2.2.0.
     *
     * @return {@link RevocationProgress#reachedLock()} by default (vendors whose withdrawals take effect at once)
     */
    default RevocationProgress progress(GrantWithdrawal withdrawal) {
        return RevocationProgress.reachedLock();
    }

    /**
     * What a lock will enforce of a schedule. Immutable; any thread. Since 2.2.0.
     *
     * @param exact       the lock enforces exactly the schedule
     * @param enforced    what it will enforce instead; {@code null} = no time restriction (open during the
     *                    whole validity). Equal to the schedule when exact.
     * @param explanation a sentence for people when not exact, e.g. "Lock X cannot take time restrictions:
     *                    the grant will open it at any time between its start and end."; {@code null} when exact
     */
    record ScheduleFit(boolean exact, Schedule enforced, String explanation) {
        public ScheduleFit {
            if (exact && enforced == null) {
                throw new IllegalArgumentException("An exact fit enforces the schedule itself");
            }
            if (!exact && (explanation == null || explanation.isBlank())) {
                throw new IllegalArgumentException("A schedule that does not fit needs an explanation for people");
            }
        }

        /** The lock enforces {@code schedule} as it is. */
        public static ScheduleFit exact(Schedule schedule) {
            return new ScheduleFit(true, Objects.requireNonNull(schedule, "schedule"), null);
        }

        /**
         * The lock enforces something else.
         *
         * @param enforced    what it enforces; {@code null} = no time restriction
         * @param explanation a sentence for people; required
         */
        public static ScheduleFit differs(Schedule enforced, String explanation) {
            return new ScheduleFit(false, enforced, explanation);
        }
    }

    /**
     * How far a withdrawal has got. Immutable; any thread. Since 2.2.0.
     *
     * @param stage        how far it got
     * @param exposedUntil the last instant a key the person or card still holds could open the lock if the
     *                     lock never learns of the revocation (e.g. the grant's own end or the key's
     *                     lifetime); {@code null} = unknown or unbounded
     * @param detail       a sentence for people, e.g. "Revocation list 12 issued; the lock last saw list
     *                     11.", or {@code null}
     */
    record RevocationProgress(Stage stage, Instant exposedUntil, String detail) {
        public RevocationProgress {
            Objects.requireNonNull(stage, "stage");
        }

        /** The withdrawal is in effect at the lock: nothing is exposed any more. */
        public static RevocationProgress reachedLock() {
            return new RevocationProgress(Stage.REACHED_LOCK, null, null);
        }

        /** Stages in order; each includes the ones before. */
        public enum Stage {
            /** Asked for at the vendor; the vendor does not yet report the grant revoked. */
            REQUESTED,
            /** The vendor reports it revoked; the lock may not have learnt of it yet. */
            REVOKED_AT_VENDOR,
            /** The lock knows (or the withdrawal needed no lock to learn of it). */
            REACHED_LOCK
        }
    }

    /**
     * The grant as it is now.
     *
     * @param grantId                 Portier's grant id
     * @param lock                    the lock it covers
     * @param grantee                 who it is for
     * @param validFrom               first instant it applies
     * @param validUntil              first instant it no longer applies; {@code null} = open-ended
     * @param schedule                when in the week it applies; {@code null} = always
     * @param permissions             what it allows, at least one
     * @param previousVendorReference what the last successful push answered; {@code null} on the first push
     */
    record GrantSnapshot(String grantId, LockRef lock, Grantee grantee, Instant validFrom, Instant validUntil,
            Schedule schedule, Set<Permission> permissions, String previousVendorReference) {
        public GrantSnapshot {
            Objects.requireNonNull(grantId, "grantId");
            Objects.requireNonNull(lock, "lock");
            Objects.requireNonNull(grantee, "grantee");
            Objects.requireNonNull(validFrom, "validFrom");
            if (validUntil != null && !validUntil.isAfter(validFrom)) {
                throw new IllegalArgumentException("A grant must end after it starts: " + validFrom + " – " + validUntil);
            }
            if (permissions == null || permissions.isEmpty()) {
                throw new IllegalArgumentException("A grant allows at least one permission");
            }
            permissions = Set.copyOf(permissions);
        }
    }

    /**
     * A grant to remove at the vendor. Immutable.
     *
     * @param grantId         Portier's grant id
     * @param lock            the lock it covered
     * @param grantee         who it was for
     * @param vendorReference what the last push answered; {@code null} when no push succeeded (the
     *                        driver may then look the grant up by its id, or do nothing)
     */
    record GrantWithdrawal(String grantId, LockRef lock, Grantee grantee, String vendorReference) {
        public GrantWithdrawal {
            Objects.requireNonNull(grantId, "grantId");
            Objects.requireNonNull(lock, "lock");
            Objects.requireNonNull(grantee, "grantee");
        }
    }

    /** @param vendorReference the vendor's id of what represents the grant; the host stores it for the next call */
    record SyncedGrant(String vendorReference) {
        public SyncedGrant {
            Objects.requireNonNull(vendorReference, "vendorReference");
        }
    }
}
