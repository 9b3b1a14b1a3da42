package dev.portier.platform.validation;

import java.util.Optional;

/** Rules for the short free-text names people type (account names, display names). */
public final class TextRules {

    private TextRules() {
    }

    /**
     * A message saying what is wrong with a name, or empty when it is fine. Angle brackets and
     * control characters are refused: no name needs them, and they are the stuff of markup injection.
     */
    public static Optional<String> validateName(String raw, String what, int maxLength) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            return Optional.of("Enter " + what);
        }
        if (value.length() > maxLength) {
            return Optional.of(capitalize(what) + " has at most " + maxLength + " characters");
        }
        if (value.chars().anyMatch(c -> c == '<' || c == '>') || value.codePoints().anyMatch(TextRules::isControl)) {
            return Optional.of(capitalize(what) + " cannot contain <, > or control characters");
        }
        return Optional.empty();
    }

    /**
     * Longer free text (addresses, notes): may span lines, but no other control characters and no
     * more than {@code maxLength} characters. {@code what} starts the message, e.g. "The address".
     */
    public static Optional<String> validateText(String raw, String what, int maxLength) {
        if (raw == null) {
            return Optional.empty();
        }
        if (raw.length() > maxLength) {
            return Optional.of(what + " has at most " + maxLength + " characters");
        }
        if (raw.codePoints().anyMatch(c -> isControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            return Optional.of(what + " cannot contain control characters");
        }
        return Optional.empty();
    }

    /**
     * Control characters in the wide sense: C0/C1 controls, Unicode format characters (bidi overrides
     * and isolates such as U+202E that make a name display reversed, zero-width spaces, the BOM), line and
     * paragraph separators, unpaired surrogates and unassigned or private-use code points. The zero-width
     * joiner and non-joiner stay allowed: emoji sequences and scripts such as Persian need them.
     */
    public static boolean isControl(int codePoint) {
        if (codePoint == 0x200C || codePoint == 0x200D) {
            return false;
        }
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE -> true;
            default -> false;
        };
    }

    private static String capitalize(String what) {
        String noArticle = what.replaceFirst("^(a|an|the) ", "");
        return Character.toUpperCase(noArticle.charAt(0)) + noArticle.substring(1);
    }
}
