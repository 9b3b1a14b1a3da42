package dev.portier.platform.crypto;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Authenticated encryption of small values (secrets, private keys) with the master key: AES-256-GCM
 * with a random 96-bit nonce per value.
 *
 * <p>A sealed value is {@code version (1) | key id (4) | nonce (12) | ciphertext | tag (16)}. The
 * version and key id let a later release change the format or rotate the master key while old rows
 * stay readable. The <em>purpose</em> (for example {@code connection:42:secret:token}) is
 * authenticated as associated data together with the header, so a value copied into another row,
 * another connection or another use does not open.
 *
 * <p>The JDK's AES-GCM is used rather than BouncyCastle's: it runs on the CPU's AES and carry-less
 * multiply instructions, it is the implementation the JDK's security team maintains and FIPS
 * providers replace, and a fresh {@link Cipher} per call keeps it thread-safe. BouncyCastle stays
 * for Ed25519, where it is the faster one.
 */
@Singleton
public final class SecretBox {

    static final byte VERSION = 1;
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER_LENGTH = 1 + MasterKey.ID_LENGTH;
    private static final int MIN_LENGTH = HEADER_LENGTH + NONCE_LENGTH + TAG_BITS / 8;

    private final MasterKey masterKey;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public SecretBox(MasterKey masterKey) {
        this.masterKey = masterKey;
    }

    /** Encrypts {@code plaintext} for {@code purpose}; only {@link #open} with the same purpose reads it back. */
    public byte[] seal(byte[] plaintext, String purpose) {
        requirePurpose(purpose);
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        byte[] header = header(masterKey.idBytes());
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, masterKey.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(header, purpose));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(HEADER_LENGTH + NONCE_LENGTH + sealed.length).put(header).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /**
     * Decrypts a value sealed for {@code purpose}.
     *
     * @throws UnreadableSecretException when the value was altered, belongs to another purpose or
     *                                   was sealed with another master key
     */
    public byte[] open(byte[] sealed, String purpose) {
        requirePurpose(purpose);
        if (sealed.length < MIN_LENGTH || sealed[0] != VERSION) {
            throw new UnreadableSecretException("The value for " + purpose + " is not a sealed secret of this Portier version"
                    + (sealed.length > 0 ? " (format " + sealed[0] + ")" : ""));
        }
        byte[] header = Arrays.copyOfRange(sealed, 0, HEADER_LENGTH);
        byte[] keyId = Arrays.copyOfRange(header, 1, HEADER_LENGTH);
        if (!MessageDigest.isEqual(keyId, masterKey.idBytes())) {
            throw new UnreadableSecretException("The value for " + purpose + " was sealed with master key "
                    + HexFormat.of().formatHex(keyId) + ", but the current master key is " + masterKey.id()
                    + ": has PORTIER_MASTER_KEY or the master.key file changed?");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, masterKey.secretKey(),
                    new GCMParameterSpec(TAG_BITS, sealed, HEADER_LENGTH, NONCE_LENGTH));
            cipher.updateAAD(associatedData(header, purpose));
            return cipher.doFinal(sealed, HEADER_LENGTH + NONCE_LENGTH, sealed.length - HEADER_LENGTH - NONCE_LENGTH);
        } catch (AEADBadTagException e) {
            throw new UnreadableSecretException("The value for " + purpose
                    + " does not decrypt: it was altered, or it was sealed for another purpose");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** Whether {@code sealed} is a value of this format sealed with the current master key (without opening it). */
    public boolean sealedWithCurrentKey(byte[] sealed) {
        return sealed.length >= MIN_LENGTH && sealed[0] == VERSION
                && MessageDigest.isEqual(Arrays.copyOfRange(sealed, 1, HEADER_LENGTH), masterKey.idBytes());
    }

    private static byte[] header(byte[] keyId) {
        return ByteBuffer.allocate(HEADER_LENGTH).put(VERSION).put(keyId).array();
    }

    private static byte[] associatedData(byte[] header, String purpose) {
        byte[] purposeBytes = purpose.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(header.length + purposeBytes.length).put(header).put(purposeBytes).array();
    }

    private static void requirePurpose(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("A sealed value needs a purpose");
        }
    }

    @Override
    public String toString() {
        return "SecretBox[AES-256-GCM, master key " + masterKey + "]";
    }

    /** A sealed value that cannot be opened; the message says why but never shows the value. */
    public static final class UnreadableSecretException extends RuntimeException {
        public UnreadableSecretException(String message) {
            super(message);
        }
    }
}
