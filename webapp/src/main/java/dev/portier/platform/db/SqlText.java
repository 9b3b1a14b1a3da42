package dev.portier.platform.db;

import java.util.Locale;

/** Helpers for building SQL safely from user search text. */
public final class SqlText {

    private SqlText() {
    }

    /**
     * A {@code LIKE} pattern matching {@code text} anywhere, lower-cased, with {@code !} as the escape
     * character (use {@code LIKE :p ESCAPE '!'}). Backslash escapes would confuse Jdbi's parser.
     */
    public static String containsPattern(String text) {
        String escaped = text.strip().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return "%" + escaped + "%";
    }

    public static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
