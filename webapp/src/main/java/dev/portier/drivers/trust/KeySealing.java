package dev.portier.drivers.trust;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;

/**
 * Encrypts a key's credential to the device that holds it, so that only that phone can read it in
 * transit and at rest in Portier's database: HPKE (RFC 9180) base mode with DHKEM(X25519,
 * HKDF-SHA256), HKDF-SHA256 and AES-128-GCM, to the device's X25519 key. The key id is the
 * associated data, so a sealed credential cannot be passed off under another key's id.
 * Output: the 32-byte encapsulated key followed by the ciphertext.
 */
public final class KeySealing {

    /** The HPKE {@code info}: binds every sealed credential to this use. */
    public static final byte[] INFO = "portier-key".getBytes(StandardCharsets.UTF_8);

    private KeySealing() {
    }

    public static byte[] seal(byte[] deviceEncryptionKey, String keyId, byte[] credential) {
        HPKE hpke = hpke();
        HPKEContextWithEncapsulation context = hpke.setupBaseS(hpke.deserializePublicKey(deviceEncryptionKey), INFO);
        try {
            byte[] ciphertext = context.seal(keyId.getBytes(StandardCharsets.UTF_8), credential);
            byte[] enc = context.getEncapsulation();
            byte[] sealed = new byte[enc.length + ciphertext.length];
            System.arraycopy(enc, 0, sealed, 0, enc.length);
            System.arraycopy(ciphertext, 0, sealed, enc.length, ciphertext.length);
            return sealed;
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("Sealing failed", e);
        }
    }

    static HPKE hpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM128);
    }
}
