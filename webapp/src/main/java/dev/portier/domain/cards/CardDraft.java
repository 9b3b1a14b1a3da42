package dev.portier.domain.cards;

/** What a person types (or a CSV row holds) to create or change a card. */
public record CardDraft(CardType cardType, String serialNumber, String personId, String label, CardState state) {
}
