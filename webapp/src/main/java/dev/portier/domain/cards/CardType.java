package dev.portier.domain.cards;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Kinds of NFC tap card, each with its own serial-number rule. */
public enum CardType {

    /**
     * Geotab Keyless tap card: ten characters, the first eight from
     * {@code 23456789ABCDEFGHJKLMNPQRSTUVWXYZ} (Geotab's published rule).
     */
    GEOTAB_TAPCARD("Geotab tap card", Pattern.compile("[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}[0-9A-Z]{2}"),
            "A Geotab tap card serial has 10 characters; the first 8 are from 23456789ABCDEFGHJKLMNPQRSTUVWXYZ (no 0, 1, I or O)"),

    /** ISO 14443 UID: 4, 7 or 10 bytes in hex, separators allowed when typed. */
    GENERIC_NFC("NFC card", Pattern.compile("[0-9A-F]{8}|[0-9A-F]{14}|[0-9A-F]{20}"),
            "An NFC card UID is 4, 7 or 10 bytes in hex (8, 14 or 20 hex digits), like 04:A2:2B:91:C3:5D:80");

    private final String label;
    private final Pattern serial;
    private final String rule;

    CardType(String label, Pattern serial, String rule) {
        this.label = label;
        this.serial = serial;
        this.rule = rule;
    }

    public String label() {
        return label;
    }

    /** The rule in words, for messages. */
    public String rule() {
        return rule;
    }

    /** The stored form of a typed serial (upper-case; for NFC UIDs without separators), or empty if invalid. */
    public Optional<String> normalize(String raw) {
        if (raw == null || raw.length() > 64) {
            return Optional.empty();
        }
        String value = raw.strip().toUpperCase(Locale.ROOT);
        if (this == GENERIC_NFC) {
            value = value.replaceAll("[:\\s-]", "");
        }
        return serial.matcher(value).matches() ? Optional.of(value) : Optional.empty();
    }
}
