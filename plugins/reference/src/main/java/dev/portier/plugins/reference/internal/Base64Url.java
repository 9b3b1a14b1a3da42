package dev.portier.plugins.reference.internal;

import java.util.Base64;

/** Base64url without padding, the contract's form for every binary value in JSON. */
public final class Base64Url {

    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Decodes {@code text}; a malformed value is an {@link IllegalArgumentException} naming {@code what}. */
    public static byte[] decode(String text, String what) {
        if (text == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (text.indexOf('=') >= 0) {
            throw new IllegalArgumentException(what + " must be base64url without padding");
        }
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64url: " + e.getMessage());
        }
    }
}
