package dev.portier.plugins.geotab.internal;

import java.util.Locale;

/**
 * Geotab's rule for NFC tag serial numbers ("NFC Serial Number Validation"): ten characters long, the
 * first eight from 23456789ABCDEFGHJKLMNPQRSTUVWXYZ. The document says nothing of the last two, so
 * they are not checked.
 */
public final class SerialNumbers {

    /** The characters allowed in the first eight places. */
    public static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public static final int LENGTH = 10;
    public static final int CHECKED_PREFIX = 8;

    private SerialNumbers() {
    }

    /**
     * Throws the rule {@code serial} breaks: {@link KeylessLimits#SERIAL_RULE_1} (limit 10, current its
     * length) or {@link KeylessLimits#SERIAL_RULE_2} (limit 0, current 1: not a count).
     */
    public static void check(String serial) {
        if (serial == null || serial.length() != LENGTH) {
            throw new KeylessLimitExceeded(KeylessLimits.SERIAL_RULE_1, LENGTH, serial == null ? 0 : serial.length(),
                    "NFC serial number rule 1: a serial number is ten characters long, \"" + serial + "\" is not");
        }
        for (int i = 0; i < CHECKED_PREFIX; i++) {
            if (ALPHABET.indexOf(serial.charAt(i)) < 0) {
                throw new KeylessLimitExceeded(KeylessLimits.SERIAL_RULE_2, 0, 1,
                        "NFC serial number rule 2: the first eight characters of a serial number are among " + ALPHABET
                                + ", \"" + serial + "\" has '" + serial.charAt(i) + "' at position " + (i + 1));
            }
        }
    }

    /** Upper-cases and drops spaces, colons and dashes, as people type serials off a card. */
    public static String normalise(String serial) {
        return serial == null ? null : serial.replaceAll("[\\s:-]", "").toUpperCase(Locale.ROOT);
    }
}
