package dev.portier.plugins.geotab.internal;

import java.util.List;

/**
 * The Keyless Service's limits on stored virtual keys, as the vendor document states them: at most
 * four active stored keys per GO device (expired keys, whose endingTimestamp has passed, do not
 * count) and a cumulative maximum of 2024 tap-card serial numbers per device; every serial valid by
 * {@link SerialNumbers}. Portier checks them before calling, the simulator checks them again as the
 * vendor does. A broken rule is a {@link KeylessLimitExceeded} with one of the stable rule ids below.
 */
public final class KeylessLimits {

    public static final int MAX_ACTIVE_STORED_KEYS = 4;
    public static final int MAX_TAP_CARDS_PER_DEVICE = 2024;

    /** A fifth active stored key on a GO device; limit 4, current the count the new key would make. */
    public static final String ACTIVE_KEYS = "geotab.active-keys";
    /** More than 2024 tap-card serials on a GO device; limit 2024, current the total the new key would make. */
    public static final String CARD_SERIALS = "geotab.card-serials";
    /** A serial that is not ten characters long; limit 10, current its length. */
    public static final String SERIAL_RULE_1 = "geotab.serial-rule-1";
    /** A serial with a character outside the alphabet in its first eight; limit 0 and current 1 (not a count). */
    public static final String SERIAL_RULE_2 = "geotab.serial-rule-2";

    private KeylessLimits() {
    }

    /**
     * Throws the rule a new stored key would break; returns when it may be created.
     *
     * @param activeKeys stored keys on the device that have not expired
     * @param cardsInUse tap-card serials of those keys, counted per key
     * @param newCards   the new key's tap-card serials
     * @throws KeylessLimitExceeded naming the first rule broken: serial rules, then keys, then cards
     */
    public static void check(int activeKeys, int cardsInUse, List<String> newCards) {
        newCards.forEach(SerialNumbers::check);
        if (activeKeys >= MAX_ACTIVE_STORED_KEYS) {
            throw new KeylessLimitExceeded(ACTIVE_KEYS, MAX_ACTIVE_STORED_KEYS, activeKeys + 1L,
                    "Stored virtual key limit: a GO device holds at most " + MAX_ACTIVE_STORED_KEYS
                            + " active stored virtual keys (expired keys do not count); this one has " + activeKeys);
        }
        if (cardsInUse + newCards.size() > MAX_TAP_CARDS_PER_DEVICE) {
            throw new KeylessLimitExceeded(CARD_SERIALS, MAX_TAP_CARDS_PER_DEVICE, (long) cardsInUse + newCards.size(),
                    "Tap-card limit: a GO device holds at most " + MAX_TAP_CARDS_PER_DEVICE
                            + " tap-card serial numbers in total; it has " + cardsInUse + " and this key adds " + newCards.size());
        }
    }
}
