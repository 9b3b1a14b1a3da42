package dev.portier.plugins.reference.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * Opening keys the host sealed to a phone: HPKE (RFC 9180) base mode, DHKEM(X25519, HKDF-SHA256),
 * HKDF-SHA256, AES-128-GCM; info "portier-key", aad the key id; sealed = enc (32 bytes) ‖ ciphertext.
 */
public final class SealedKeys {

    public static final int ENC_LENGTH = 32;
    private static final byte[] INFO = "portier-key".getBytes(StandardCharsets.UTF_8);

    private SealedKeys() {
    }

    /** A new X25519 private key (32 bytes). */
    public static byte[] newPrivateKey() {
        return new X25519PrivateKeyParameters(new SecureRandom()).getEncoded();
    }

    public static byte[] publicKey(byte[] privateKey) {
        return new X25519PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded();
    }

    /** The credential inside {@code sealed}; throws {@link IllegalArgumentException} when it does not open. */
    public static byte[] open(byte[] privateKey, String keyId, byte[] sealed) {
        if (sealed.length <= ENC_LENGTH) {
            throw new IllegalArgumentException("Sealed key " + keyId + " is too short");
        }
        HPKE hpke = hpke();
        AsymmetricCipherKeyPair recipient = hpke.deserializePrivateKey(privateKey, publicKey(privateKey));
        byte[] enc = Arrays.copyOfRange(sealed, 0, ENC_LENGTH);
        byte[] ciphertext = Arrays.copyOfRange(sealed, ENC_LENGTH, sealed.length);
        try {
            return hpke.open(enc, recipient, INFO, keyId.getBytes(StandardCharsets.UTF_8), ciphertext, null, null, null);
        } catch (InvalidCipherTextException | RuntimeException e) {
            throw new IllegalArgumentException("Sealed key " + keyId + " does not open with this phone's encryption key");
        }
    }

    private static HPKE hpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM128);
    }
}
