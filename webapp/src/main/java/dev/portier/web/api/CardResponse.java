package dev.portier.web.api;

import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardState;
import dev.portier.domain.cards.CardType;
import java.time.Instant;

/** A card as the API shows it: serial number in its stored form, with the name of the person it is assigned to. */
public record CardResponse(String id, CardType cardType, String serialNumber, String personId, String personName, String label,
        CardState state, Instant createdAt) {

    static CardResponse of(Card card) {
        return new CardResponse(card.id(), card.cardType(), card.serialNumber(), card.personId(), card.personName(), card.label(),
                card.state(), card.createdAt());
    }
}
