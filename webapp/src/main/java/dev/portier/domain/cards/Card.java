package dev.portier.domain.cards;

import java.time.Instant;

/** An NFC tap card, optionally assigned to one person (whose grants then cover it too). */
public record Card(String id, String accountId, CardType cardType, String serialNumber, String personId, String personName,
        String label, CardState state, Instant createdAt) {
}
