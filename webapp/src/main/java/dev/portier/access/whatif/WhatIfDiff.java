package dev.portier.access.whatif;

import java.time.Instant;
import java.util.List;

/**
 * The difference a change would make in who can open what: the pairs of person-or-card × lock that gain and lose
 * access (a pair whose hours only move appears in both, at different instants), decided by the one access decision
 * before and after the change at each of {@code moments}; and what vendors would not take ({@code warnings}).
 *
 * @param grantsTouched how many grants the change creates, changes or revokes
 * @param pairsLooked   how many person-or-card × lock pairs were decided
 */
public record WhatIfDiff(int grantsTouched, int pairsLooked, List<PairChange> gained, List<PairChange> lost, List<Instant> moments,
        List<String> warnings) {

    /** Gains allowed by a grant with pre-issued keys: each is a key issued to a person's phone or a card. */
    public long keysIssued() {
        return gained.stream().filter(PairChange::preIssuedKey).count();
    }

    /** Losses of access that a grant with pre-issued keys gave: each key is withdrawn. */
    public long keysWithdrawn() {
        return lost.stream().filter(PairChange::preIssuedKey).count();
    }

    public long locksGaining() {
        return gained.stream().map(PairChange::lockId).distinct().count();
    }

    public long locksLosing() {
        return lost.stream().map(PairChange::lockId).distinct().count();
    }

    public WhatIfDiff withWarnings(List<String> more) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.addAll(more);
        return new WhatIfDiff(grantsTouched, pairsLooked, gained, lost, moments, List.copyOf(all));
    }

    /** One sentence for people: "Creates 120 keys on 12 locks, withdraws 3; 4 pairs gain access, 3 lose it." */
    public String summary() {
        if (gained.isEmpty() && lost.isEmpty()) {
            return "Nobody gains or loses access (" + grantsTouched + " grant(s) touched).";
        }
        return "Issues " + keysIssued() + " key(s) on " + gained.stream().filter(PairChange::preIssuedKey)
                .map(PairChange::lockId).distinct().count() + " lock(s), withdraws " + keysWithdrawn() + "; "
                + gained.size() + " person/card × lock pair(s) gain access on " + locksGaining() + " lock(s), "
                + lost.size() + " lose it on " + locksLosing() + " lock(s).";
    }
}
