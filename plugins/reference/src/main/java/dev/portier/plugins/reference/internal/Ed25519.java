package dev.portier.plugins.reference.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Ed25519 with raw 32-byte keys (BouncyCastle's lightweight API), for the simulated locks and phones. */
public final class Ed25519 {

    public static final int KEY_LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ed25519() {
    }

    /** A new private key (the 32-byte seed). */
    public static byte[] newPrivateKey() {
        return new Ed25519PrivateKeyParameters(RANDOM).getEncoded();
    }

    public static byte[] publicKey(byte[] privateKey) {
        return new Ed25519PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded();
    }

    public static byte[] sign(byte[] privateKey, byte[] data) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, new Ed25519PrivateKeyParameters(privateKey, 0));
        signer.update(data, 0, data.length);
        return signer.generateSignature();
    }

    /** Whether {@code signature} is {@code publicKey}'s signature of {@code data}; false for keys or signatures of the wrong shape. */
    public static boolean verify(byte[] publicKey, byte[] data, byte[] signature) {
        if (publicKey == null || publicKey.length != KEY_LENGTH || signature == null
                || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        if (!validPublicKey(publicKey)) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        verifier.update(data, 0, data.length);
        return verifier.verifySignature(signature);
    }

    /** Whether {@code publicKey} is 32 bytes that encode a point of the curve. */
    public static boolean validPublicKey(byte[] publicKey) {
        if (publicKey == null || publicKey.length != KEY_LENGTH) {
            return false;
        }
        try {
            new Ed25519PublicKeyParameters(publicKey, 0);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Fresh random bytes (nonces). */
    public static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The bytes a protocol signature covers: a UTF-8 label and id, then the raw parts, concatenated. */
    public static byte[] transcript(String label, String id, byte[]... parts) {
        byte[] head = (label + id).getBytes(StandardCharsets.UTF_8);
        int length = head.length;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        System.arraycopy(head, 0, all, 0, head.length);
        int at = head.length;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
