package dev.portier.plugin.api;

/**
 * Signatures with keys the host creates and keeps (encrypted at rest, or on a hardware token); private
 * keys never reach a driver. Keys are named per connection (e.g. "issuing"); with the host's software
 * signer the first use of a name creates its Ed25519 key pair, and an operator may put chosen names on
 * a PKCS#11 token instead, where they are ECDSA P-256 keys ({@link #algorithm}). Thread-safe; signing
 * does not block on I/O after the key is loaded.
 */
public interface Signer {

    /** What a key signs with, and so the shape of its public key and signatures. */
    enum Algorithm {
        /** Ed25519 (COSE alg -8, EdDSA): a raw 32-byte public key, 64-byte signatures. */
        ED25519,
        /**
         * ECDSA on P-256 with SHA-256 (COSE alg -7, ES256): a 65-byte uncompressed SEC1 public key
         * ({@code 04 ‖ x ‖ y}), 64-byte signatures {@code r ‖ s} (IEEE P1363, as COSE writes them).
         */
        ES256
    }

    /**
     * The algorithm of {@code keyName}. Hosts before plugin API 2.1 only had Ed25519 keys, which is why
     * this answers {@link Algorithm#ED25519} unless the host says otherwise.
     */
    default Algorithm algorithm(String keyName) {
        return Algorithm.ED25519;
    }

    /** The public key of {@code keyName}, in the form its {@link #algorithm} names (raw 32 bytes for Ed25519). */
    byte[] publicKey(String keyName);

    /** A 64-byte signature of {@code data} with {@code keyName}'s private key, in the form its {@link #algorithm} names. */
    byte[] sign(String keyName, byte[] data);
}
