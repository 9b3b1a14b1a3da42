package dev.portier.plugin.api;

import java.time.Instant;
import java.util.Set;

/**
 * Capability {@link Capability#GRANT_SYNC}: mirrors Portier's grants to a vendor cloud that issues
 * keys itself (contacts by email, cards by serial). Called on a host worker; may block. Pushing the
 * same snapshot again changes nothing; withdrawing an unknown grant does nothing.
 */
public interface GrantSync {

    void push(GrantSnapshot grant);

    void withdraw(String grantId);

    /**
     * @param contactEmail the person's email, or {@code null} for a card grant
     * @param cardSerial   the card's serial, or {@code null} for a person grant
     * @param schedule     weekly windows in the lock's local time, or {@code null}
     */
    record GrantSnapshot(String grantId, LockRef lock, String contactEmail, String cardSerial, Instant validFrom,
            Instant validUntil, String schedule, Set<String> permissions) {
        public GrantSnapshot {
            permissions = Set.copyOf(permissions);
        }
    }
}
