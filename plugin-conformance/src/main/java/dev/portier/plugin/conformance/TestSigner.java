package dev.portier.plugin.conformance;

import dev.portier.plugin.api.Signer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Signer} with the JDK's Ed25519: the first use of a key name creates its key pair, kept in
 * memory for the test. {@link #verify} lets a test check a driver's signatures. Thread-safe.
 */
public final class TestSigner implements Signer {

    /** The DER prefix of an X.509 Ed25519 public key; the raw key is the 32 bytes after it. */
    private static final int X509_PREFIX_LENGTH = 12;

    private final Map<String, KeyPair> keys = new ConcurrentHashMap<>();

    @Override
    public byte[] publicKey(String keyName) {
        byte[] encoded = pair(keyName).getPublic().getEncoded();
        return Arrays.copyOfRange(encoded, X509_PREFIX_LENGTH, encoded.length);
    }

    @Override
    public byte[] sign(String keyName, byte[] data) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(pair(keyName).getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
    }

    /** Whether {@code signature} is {@code keyName}'s signature of {@code data}. */
    public boolean verify(String keyName, byte[] data, byte[] signature) {
        try {
            PublicKey publicKey = pair(keyName).getPublic();
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private KeyPair pair(String keyName) {
        return keys.computeIfAbsent(keyName, name -> {
            try {
                return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
            }
        });
    }
}
