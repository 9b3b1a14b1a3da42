package dev.portier.plugins.geotab.internal;

import dev.portier.plugin.api.SecretStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The token Geotab presents on every notification ({@code securityToken} of the subscription, in the
 * {@code SecurityToken} header): generated once per connection and kept in its secret store, so a
 * restart keeps the subscription valid. Comparisons run in constant time over equal-length values —
 * SHA-256 digests of the expected and the presented token — so timing reveals neither the token nor
 * its length. Thread-safe; the first use reads (or writes) the secret store, which blocks briefly.
 */
final class SecurityToken {

    private static final String NAME = "notification-security-token";

    private final SecretStore secrets;
    private String token;
    private byte[] digest;

    SecurityToken(SecretStore secrets) {
        this.secrets = secrets;
    }

    /** The token, created on first use. */
    synchronized String value() {
        if (token == null) {
            token = secrets.get(NAME).map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElseGet(() -> {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                String created = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                secrets.put(NAME, created.getBytes(StandardCharsets.UTF_8));
                return created;
            });
            digest = sha256(token);
        }
        return token;
    }

    /** Whether {@code presented} is the token; {@code null} never is. */
    boolean accepts(String presented) {
        byte[] expected;
        synchronized (this) {
            value();
            expected = digest;
        }
        byte[] given = sha256(presented == null ? "" : presented);
        // Always compared, even for a missing header, so every answer costs the same.
        return MessageDigest.isEqual(expected, given) && presented != null;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
