package dev.portier.identity.apitokens;

import dev.portier.platform.crypto.Sha256;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Token secrets: {@value #PREFIX} and 32 random bytes in base64url (47 characters). The prefix lets
 * secret scanners and people recognise a Portier token. A secret has 256 bits of entropy, so a plain
 * SHA-256 is the right hash: unlike a password there is nothing to guess, and look-up by hash is fast.
 */
final class TokenSecrets {

    static final String PREFIX = "ptr_";
    static final int LENGTH = PREFIX.length() + 43;
    private static final int HINT_LENGTH = PREFIX.length() + 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code candidate} has the shape of a secret; anything else is refused without a look-up. */
    static boolean looksLikeSecret(String candidate) {
        return candidate != null && candidate.length() == LENGTH && candidate.startsWith(PREFIX)
                && candidate.substring(PREFIX.length()).chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_');
    }

    static String hash(String secret) {
        return Sha256.hex(secret);
    }

    static String hint(String secret) {
        return secret.substring(0, HINT_LENGTH);
    }
}
