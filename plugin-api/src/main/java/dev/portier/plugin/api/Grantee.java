package dev.portier.plugin.api;

import java.util.Objects;

/**
 * Who a {@link GrantSync.GrantSnapshot} is for: a person (the vendor invites them by email or phone)
 * or a card (the vendor programs its serial). Immutable; any thread.
 */
public sealed interface Grantee permits Grantee.Person, Grantee.Card {

    /**
     * @param personId    Portier's id of the person
     * @param displayName the person's name, for the vendor's contact list
     * @param email       the person's email, or {@code null}
     * @param phone       the person's phone number in E.164, or {@code null}
     */
    record Person(String personId, String displayName, String email, String phone) implements Grantee {
        public Person {
            Objects.requireNonNull(personId, "personId");
        }
    }

    /**
     * @param cardId   Portier's id of the card
     * @param serial   the card's serial number as printed or read
     * @param cardType the card technology, e.g. {@code "MIFARE_DESFIRE"}; may be {@code null}
     */
    record Card(String cardId, String serial, String cardType) implements Grantee {
        public Card {
            Objects.requireNonNull(cardId, "cardId");
            Objects.requireNonNull(serial, "serial");
        }
    }
}
