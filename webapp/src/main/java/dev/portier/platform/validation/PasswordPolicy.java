package dev.portier.platform.validation;

import java.util.Optional;

/** What a password must satisfy before Portier hashes and stores it. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;

    private PasswordPolicy() {
    }

    /** A message saying why {@code password} is refused, or empty when it is acceptable. */
    public static Optional<String> validate(String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of("Enter a password");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("Use at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("Use at most " + MAX_LENGTH + " characters");
        }
        if (password.isBlank()) {
            return Optional.of("A password cannot be only spaces");
        }
        if (password.codePoints().distinct().count() < 4) {
            return Optional.of("Use a password with more variety: at least 4 different characters");
        }
        return Optional.empty();
    }
}
