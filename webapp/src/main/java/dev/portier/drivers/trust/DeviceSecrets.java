package dev.portier.drivers.trust;

import dev.portier.platform.crypto.Sha256;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * Device enrolment codes (short, typed or scanned once) and device tokens (long, kept by the phone).
 * Both are stored only as SHA-256 hashes: there is nothing to guess in 60 or 256 random bits.
 */
final class DeviceSecrets {

    static final String TOKEN_PREFIX = "ptd_";
    // No 0/O, 1/I: codes are read off a screen and typed.
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceSecrets() {
    }

    /** Twelve symbols of 32 (60 bits), shown in groups of four: {@code KX7D-2MQP-9TRA}. */
    static String newCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    /** The code as typed (any case, with or without dashes or spaces), in its stored form. */
    static String normaliseCode(String typed) {
        return typed == null ? "" : typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return TOKEN_PREFIX + Base64Url.encode(bytes);
    }

    static String hash(String secret) {
        return Sha256.hex(secret);
    }
}
