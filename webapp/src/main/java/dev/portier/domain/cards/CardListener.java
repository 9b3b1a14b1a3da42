package dev.portier.domain.cards;

/**
 * Told after a card was changed (after the commit): marked lost or retired, found again, or given
 * another serial, e.g. so that the card's keys follow at once. Bound with a Guice multibinder; must not
 * throw and should not take long.
 */
public interface CardListener {

    void cardChanged(String accountId, String cardId);
}
