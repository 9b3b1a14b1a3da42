package dev.portier.plugins.reference.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * The session of one lock ⇄ phone handshake: both sides bring a fresh X25519 key, the lock signs both
 * with its identity key, and the shared secret, through HKDF-SHA256 over both nonces, keys an AES-128-GCM
 * channel that only the genuine lock can read. The phone's credential travels in that channel, so it
 * never crosses the air in clear; the phone's device key only signs, so it never crosses at all.
 */
public final class Handshake {

    public static final int KEY_LENGTH = 32;
    private static final int SESSION_KEY_LENGTH = 16;
    private static final int TAG_BITS = 128;
    private static final byte[] INFO = "portier-session-v1".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Handshake() {
    }

    /** A fresh ephemeral X25519 private key. */
    public static byte[] newEphemeralKey() {
        return new X25519PrivateKeyParameters(RANDOM).getEncoded();
    }

    public static byte[] publicKey(byte[] ephemeralPrivateKey) {
        return new X25519PrivateKeyParameters(ephemeralPrivateKey, 0).generatePublicKey().getEncoded();
    }

    /**
     * The AES-128 session key: HKDF-SHA256 of the X25519 shared secret, salt phone nonce ‖ lock nonce,
     * info "portier-session-v1" ‖ lock id. Both sides derive the same from their own private key and the other's public one.
     */
    public static byte[] sessionKey(byte[] ownPrivateKey, byte[] otherPublicKey, String lockId, byte[] phoneNonce, byte[] lockNonce) {
        if (otherPublicKey == null || otherPublicKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException("An ephemeral key is a raw 32-byte X25519 key");
        }
        X25519Agreement agreement = new X25519Agreement();
        agreement.init(new X25519PrivateKeyParameters(ownPrivateKey, 0));
        byte[] shared = new byte[agreement.getAgreementSize()];
        agreement.calculateAgreement(new X25519PublicKeyParameters(otherPublicKey, 0), shared, 0);
        if (MessageDigest.isEqual(shared, new byte[shared.length])) {
            throw new IllegalArgumentException("An ephemeral key of small order");
        }
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(shared, concat(phoneNonce, lockNonce), concat(INFO, lockId.getBytes(StandardCharsets.UTF_8))));
        byte[] key = new byte[SESSION_KEY_LENGTH];
        hkdf.generateBytes(key, 0, key.length);
        return key;
    }

    /** The credential sealed for the lock: AES-128-GCM under the session key (used once, so a zero nonce), aad the lock id. */
    public static byte[] seal(byte[] sessionKey, String lockId, byte[] credential) {
        return gcm(Cipher.ENCRYPT_MODE, sessionKey, lockId, credential);
    }

    /** The credential the phone sealed; an {@link IllegalArgumentException} when it was not sealed with this session's key. */
    public static byte[] open(byte[] sessionKey, String lockId, byte[] sealed) {
        if (sealed == null) {
            throw new IllegalArgumentException("No credential");
        }
        return gcm(Cipher.DECRYPT_MODE, sessionKey, lockId, sealed);
    }

    private static byte[] gcm(int mode, byte[] sessionKey, String lockId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(sessionKey, "AES"), new GCMParameterSpec(TAG_BITS, new byte[12]));
            cipher.updateAAD(lockId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("The sealed credential does not open with this session's key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** SHA-256, to bind a signature to bytes it does not repeat. */
    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = new byte[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
