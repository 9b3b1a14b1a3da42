package dev.portier.plugins.geotab.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * The key-set hash of a GO device: one value for the set of stored virtual keys it holds, as the device
 * reports it in the Reservation Sync ID diagnostic (3407). The vendor does not publish how its
 * synchronisation resource computes the hash, so Portier and its simulator agree on this one: the
 * first 16 hex digits of SHA-256 over the sorted virtual key ids, comma-separated.
 */
public final class KeySetHash {

    private KeySetHash() {
    }

    public static String of(Collection<String> virtualKeyIds) {
        String joined = String.join(",", new TreeSet<>(virtualKeyIds));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
