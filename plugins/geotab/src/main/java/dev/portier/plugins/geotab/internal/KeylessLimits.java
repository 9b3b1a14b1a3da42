package dev.portier.plugins.geotab.internal;

import java.util.List;

/**
 * The Keyless Service's limits on stored virtual keys, as the vendor document states them: at most
 * four active stored keys per GO device (expired keys, whose endingTimestamp has passed, do not
 * count) and a cumulative maximum of 2024 tap-card serial numbers per device; every serial valid by
 * {@link SerialNumbers}. Portier checks them before calling, the simulator checks them again as the
 * vendor does.
 */
public final class KeylessLimits {

    public static final int MAX_ACTIVE_STORED_KEYS = 4;
    public static final int MAX_TAP_CARDS_PER_DEVICE = 2024;

    private KeylessLimits() {
    }

    /**
     * The rule a new stored key would break, or {@code null} when it may be created.
     *
     * @param activeKeys   stored keys on the device that have not expired
     * @param cardsInUse   tap-card serials of those keys, counted per key
     * @param newCards     the new key's tap-card serials
     */
    public static String violation(int activeKeys, int cardsInUse, List<String> newCards, long begin, long end) {
        for (String serial : newCards) {
            String problem = SerialNumbers.problem(serial);
            if (problem != null) {
                return problem;
            }
        }
        if (end <= begin) {
            return "A virtual key's endingTimestamp must be after its beginningTimestamp";
        }
        if (activeKeys >= MAX_ACTIVE_STORED_KEYS) {
            return "Stored virtual key limit: a GO device holds at most " + MAX_ACTIVE_STORED_KEYS
                    + " active stored virtual keys (expired keys do not count); this one has " + activeKeys;
        }
        if (cardsInUse + newCards.size() > MAX_TAP_CARDS_PER_DEVICE) {
            return "Tap-card limit: a GO device holds at most " + MAX_TAP_CARDS_PER_DEVICE
                    + " tap-card serial numbers in total; it has " + cardsInUse + " and this key adds " + newCards.size();
        }
        return null;
    }
}
