package dev.portier.drivers.trust;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules one pass applies to a holder's keys, the same for phones and cards: a slot (grant × holder
 * × lock) that calls for a key gets one; a key near its end is renewed while its grant lasts; a key
 * whose grant changed (other fingerprint) or that nothing calls for any more is revoked; an expired key
 * is marked so. Pure: the issuers query, call drivers and store.
 */
final class KeyPlan {

    /**
     * Keys that start now are valid from a little earlier: an offline lock's clock may run behind
     * Portier's, and a key that is "not yet valid" at the door helps nobody.
     */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    /** A slot that calls for a key, with what the key must say. */
    interface Wish {
        String slot();

        String fingerprint();

        String delivery();

        Instant validFrom();

        Instant validUntil();
    }

    /** A key as stored. {@code kind} is PRE_ISSUED or ON_DEMAND; {@code state} ACTIVE or SUPERSEDED. */
    record Held(String id, String slot, String lockId, String kind, String state, String fingerprint, Instant notAfter) {
    }

    /** A key to issue now for {@code wish}, renewing {@code replaces} (null when none). */
    record Due<W extends Wish>(W wish, Instant notBefore, Instant notAfter, Instant issuedAt, String replaces) {
    }

    private final List<String> expired = new ArrayList<>();
    private final List<Held> revoke = new ArrayList<>();
    private final Map<String, Held> renew = new HashMap<>();
    private final Set<String> satisfied = new LinkedHashSet<>();

    private KeyPlan() {
    }

    static KeyPlan of(List<Held> existing, Map<String, ? extends Wish> wanted, Instant now, Duration renewBefore) {
        KeyPlan plan = new KeyPlan();
        for (Held key : existing) {
            Wish want = wanted.get(key.slot());
            if (key.state().equals("SUPERSEDED")) {
                // Renewed but still valid: it must go as soon as the key it gave way to would.
                if (want == null || !key.fingerprint().equals(want.fingerprint())) {
                    plan.revoke.add(key);
                }
            } else if (!key.notAfter().isAfter(now)) {
                plan.expired.add(key.id());
            } else if (want == null) {
                plan.revoke.add(key);
            } else if (key.kind().equals("ON_DEMAND")) {
                if (!key.fingerprint().equals(want.fingerprint())) {
                    plan.revoke.add(key);
                }
            } else if (!key.fingerprint().equals(want.fingerprint()) || !want.delivery().equals("PRE_ISSUED")) {
                plan.revoke.add(key);
            } else if (plan.satisfied.contains(key.slot())) {
                plan.revoke.add(key); // a duplicate from an interrupted pass
            } else {
                plan.satisfied.add(key.slot());
                boolean nearEnd = key.notAfter().isBefore(now.plus(renewBefore));
                boolean grantGoesOn = want.validUntil() == null || want.validUntil().isAfter(key.notAfter());
                if (nearEnd && grantGoesOn) {
                    plan.renew.put(key.slot(), key);
                }
            }
        }
        return plan;
    }

    /** The pre-issued keys due now: missing ones, and renewals; a grant starting beyond one lifetime waits. */
    <W extends Wish> List<Due<W>> due(Collection<W> wanted, Instant now, Duration lifetime) {
        List<Due<W>> due = new ArrayList<>();
        for (W want : wanted) {
            boolean missing = !satisfied.contains(want.slot());
            Held renewing = renew.get(want.slot());
            if (!want.delivery().equals("PRE_ISSUED") || !(missing || renewing != null)) {
                continue;
            }
            Instant issuedAt = now.truncatedTo(ChronoUnit.MILLIS);
            Instant notBefore = want.validFrom() != null ? want.validFrom() : issuedAt.minus(CLOCK_SKEW);
            Instant lifetimeEnd = issuedAt.plus(lifetime);
            Instant notAfter = want.validUntil() != null && want.validUntil().isBefore(lifetimeEnd) ? want.validUntil() : lifetimeEnd;
            if (notBefore.isBefore(notAfter)) {
                due.add(new Due<>(want, notBefore, notAfter, issuedAt, renewing == null ? null : renewing.id()));
            }
        }
        return due;
    }

    List<String> expired() {
        return expired;
    }

    List<Held> revoke() {
        return revoke;
    }

    /** Ends one stored key: its state (SUPERSEDED, REVOKED) and why, in the key's own table. */
    @FunctionalInterface
    interface KeyEnd {
        void end(String keyId, String state, String reason);
    }

    /**
     * The same closing steps for phone and card keys, in the storing transaction: expired keys are
     * superseded, revoked ones revoked, and each touched lock's revocation list marked for publishing.
     */
    static void endExpiredAndRevoked(org.jdbi.v3.core.Handle h, String accountId, Collection<String> expired,
            Collection<Held> revoked, KeyEnd end) {
        for (String id : expired) {
            end.end(id, "SUPERSEDED", "Expired");
        }
        Set<String> touchedLocks = new LinkedHashSet<>();
        for (Held key : revoked) {
            end.end(key.id(), "REVOKED", "No longer granted as it was");
            touchedLocks.add(key.lockId());
        }
        for (String lockId : touchedLocks) {
            RevocationLists.markStale(h, accountId, lockId);
        }
    }
}
