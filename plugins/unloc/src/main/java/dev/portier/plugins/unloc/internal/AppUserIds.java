package dev.portier.plugins.unloc.internal;

import java.util.Optional;

/**
 * Unloc's {@code appUserId}: the phone number of the app user, in E.164. This plugin checks the
 * notation only; the host then matches the number against people's numbers with its own, stricter
 * normalisation (a number that is well-formed but impossible in its country matches nobody).
 *
 * <p>Unloc's own example sends the number unencoded ({@code ?appUserId=+4712345678}), and query
 * decoding turns that {@code +} into a space; a value starting with one space and a digit is therefore
 * read as starting with {@code +}. Spaces, dashes, dots and brackets between digits are allowed, and a
 * leading {@code 00} means {@code +}. What remains must be {@code +}, a digit other than 0 and 6 to 14
 * more digits (E.164: at most 15 digits).
 */
public final class AppUserIds {

    public static final String RULE = "appUserId must be a phone number in E.164 format, like +4712345678";

    private AppUserIds() {
    }

    /** The number in E.164, or empty when {@code raw} is not one. */
    public static Optional<String> normalize(String raw) {
        if (raw == null || raw.length() > 40) {
            return Optional.empty();
        }
        String text = raw.length() > 1 && raw.charAt(0) == ' ' && Character.isDigit(raw.charAt(1)) ? "+" + raw.substring(1) : raw;
        text = text.strip();
        if (text.startsWith("00")) {
            text = "+" + text.substring(2);
        }
        if (!text.startsWith("+") || !text.substring(1).matches("[0-9][0-9 ().-]*[0-9]")) {
            return Optional.empty();
        }
        String digits = text.substring(1).replaceAll("[ ().-]", "");
        return digits.matches("[1-9][0-9]{6,14}") ? Optional.of("+" + digits) : Optional.empty();
    }
}
