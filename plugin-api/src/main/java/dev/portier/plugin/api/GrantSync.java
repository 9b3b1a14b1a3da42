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
