package dev.portier.drivers.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules phone and card keys share: issue what is missing, renew near the end, revoke what changed or is no longer called for. */
class KeyPlanTest {

    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    static final Duration LIFETIME = Duration.ofDays(7);

    record Want(String slot, String fingerprint, String delivery, Instant validFrom, Instant validUntil) implements KeyPlan.Wish {
    }

    static KeyPlan.Held held(String id, String slot, String fingerprint, Instant notAfter) {
        return new KeyPlan.Held(id, slot, "lock", "PRE_ISSUED", "ACTIVE", fingerprint, notAfter);
    }

    @Test
    void aMissingKeyIsIssuedFromALittleBeforeNowForOneLifetimeAndNeverPastTheGrant() {
        Want open = new Want("a", "f", "PRE_ISSUED", null, null);
        Want ending = new Want("b", "f", "PRE_ISSUED", null, NOW.plus(Duration.ofDays(2)));
        Want onDemand = new Want("c", "f", "ON_DEMAND", null, null);
        Want later = new Want("d", "f", "PRE_ISSUED", NOW.plus(Duration.ofDays(8)), null);
        Map<String, Want> wanted = Map.of("a", open, "b", ending, "c", onDemand, "d", later);
        List<KeyPlan.Due<Want>> due = KeyPlan.of(List.of(), wanted, NOW, LIFETIME.dividedBy(3)).due(List.of(open, ending, onDemand, later),
                NOW, LIFETIME);

        assertThat(due).extracting(d -> d.wish().slot()).containsExactly("a", "b");
        assertThat(due.get(0).notBefore()).isEqualTo(NOW.minus(KeyPlan.CLOCK_SKEW));
        assertThat(due.get(0).notAfter()).isEqualTo(NOW.plus(LIFETIME));
        assertThat(due.get(1).notAfter()).isEqualTo(NOW.plus(Duration.ofDays(2)));
    }

    @Test
    void aKeyNearItsEndIsRenewedAChangedOneRevokedAnExpiredOneMarkedAndAnUnwantedOneRevoked() {
        Want renewing = new Want("a", "f", "PRE_ISSUED", null, null);
        Want changed = new Want("b", "new", "PRE_ISSUED", null, null);
        KeyPlan.Held nearEnd = held("k1", "a", "f", NOW.plus(Duration.ofDays(1)));
        KeyPlan.Held old = held("k2", "b", "old", NOW.plus(Duration.ofDays(6)));
        KeyPlan.Held expired = held("k3", "a", "f", NOW);
        KeyPlan.Held unwanted = held("k4", "z", "f", NOW.plus(Duration.ofDays(6)));
        KeyPlan plan = KeyPlan.of(List.of(nearEnd, old, expired, unwanted), Map.of("a", renewing, "b", changed), NOW,
                LIFETIME.dividedBy(3));

        assertThat(plan.revoke()).containsExactlyInAnyOrder(old, unwanted);
        assertThat(plan.expired()).containsExactly("k3");
        List<KeyPlan.Due<Want>> due = plan.due(List.of(renewing, changed), NOW, LIFETIME);
        assertThat(due).extracting(KeyPlan.Due::replaces).containsExactly("k1", null);
    }
}
