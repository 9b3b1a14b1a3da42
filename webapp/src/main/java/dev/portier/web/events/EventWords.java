package dev.portier.web.events;

import java.util.Locale;

/** An event's type as words ("CHECK_IN_APPROVED" → "Check in approved"); the stored and exported type stays the code. */
final class EventWords {

    private EventWords() {
    }

    static String type(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        String words = code.strip().replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
