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
        if (value.chars().anyMatch(c -> c == '<' || c == '>' || Character.isISOControl(c))) {
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
        if (raw.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            return Optional.of(what + " cannot contain control characters");
        }
        return Optional.empty();
    }

    private static String capitalize(String what) {
        String noArticle = what.replaceFirst("^(a|an|the) ", "");
        return Character.toUpperCase(noArticle.charAt(0)) + noArticle.substring(1);
    }
}
