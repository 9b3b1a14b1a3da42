package dev.portier.platform.validation;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Rules for the email addresses users sign in with. */
public final class EmailAddress {

    public static final int MAX_LENGTH = 254;

    // Deliberately plain: one @, no spaces or angle brackets, a dotted domain.
    private static final Pattern SHAPE = Pattern.compile("^[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\".]{2,}$");

    private EmailAddress() {
    }

    /** A message saying what is wrong with {@code raw}, or empty when it is a usable address. */
    public static Optional<String> validate(String raw) {
        String email = raw == null ? "" : raw.trim();
        if (email.isEmpty()) {
            return Optional.of("Enter an email address");
        }
        if (email.length() > MAX_LENGTH) {
            return Optional.of("An email address has at most " + MAX_LENGTH + " characters");
        }
        if (!SHAPE.matcher(email).matches()) {
            return Optional.of("Enter a valid email address, like name@example.com");
        }
        return Optional.empty();
    }

    /** The stored form: trimmed and lower-case, so look-ups ignore case. */
    public static String normalize(String raw) {
        return raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
    }
}
