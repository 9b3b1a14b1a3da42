package dev.portier.plugins.unloc.internal;

import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Whether a request carries a connection's API key in the connection's API header. The sent value
 * and the key are compared as SHA-256 digests, always of equal length, with
 * {@link MessageDigest#isEqual} (constant time): how long the check takes says nothing about how much
 * of a key was right. Immutable; any thread.
 */
public final class ApiKeyCheck {

    private final String headerName;
    private final byte[] keyDigest;

    public ApiKeyCheck(UnlocSettings settings) {
        this.headerName = settings.headerName();
        this.keyDigest = sha256(settings.apiKey());
    }

    public boolean accepts(PluginHttpRequest request) {
        String sent = request.header(headerName);
        // Non-short-circuit &: the digests are compared even when the header is missing.
        return sent != null & MessageDigest.isEqual(sha256(sent == null ? "" : sent), keyDigest);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
