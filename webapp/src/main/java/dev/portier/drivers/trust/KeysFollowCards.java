package dev.portier.drivers.trust;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.domain.cards.CardListener;

/** A card marked lost or retired loses its keys at once (onto the locks' lists); one found again, or re-serialled, gets new ones. */
@Singleton
final class KeysFollowCards implements CardListener {

    private final KeyIssuer keys;

    @Inject
    KeysFollowCards(KeyIssuer keys) {
        this.keys = keys;
    }

    @Override
    public void cardChanged(String accountId, String cardId) {
        keys.reconcileCardQuietly(accountId, cardId);
    }
}
