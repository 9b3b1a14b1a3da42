package dev.portier.plugin.api;

/**
 * Ed25519 signatures with keys the host creates and keeps (encrypted at rest); private keys never
 * reach a driver. Keys are named per connection (e.g. "issuing"); the first use of a name creates
 * its key pair. Thread-safe; signing does not block on I/O after the key is loaded.
 */
public interface Signer {

    /** The raw 32-byte Ed25519 public key of {@code keyName}. */
    byte[] publicKey(String keyName);

    /** A 64-byte Ed25519 signature of {@code data} with {@code keyName}'s private key. */
    byte[] sign(String keyName, byte[] data);
}
