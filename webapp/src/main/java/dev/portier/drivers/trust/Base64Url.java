package dev.portier.drivers.trust;

import java.util.Base64;

/** Base64url without padding, as the mobile API carries keys, credentials and lists. */
public final class Base64Url {

    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Decodes, or throws {@link IllegalArgumentException} naming {@code what}. */
    public static byte[] decode(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        try {
            return Base64.getUrlDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64url");
        }
    }

    /** A raw 32-byte public key (Ed25519 or X25519), or {@link IllegalArgumentException}. */
    public static byte[] publicKey(String text, String what) {
        byte[] key = decode(text, what);
        if (key.length != 32) {
            throw new IllegalArgumentException(what + " must be a raw 32-byte public key (base64url), not " + key.length + " bytes");
        }
        return key;
    }
}
