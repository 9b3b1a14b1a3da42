package dev.portier.platform.crypto;

import dev.portier.platform.config.SignerSettings;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ECDSA P-256 keys on a PKCS#11 token (an HSM, or SoftHSM 2 in tests), through the JDK's SunPKCS11
 * provider: Portier finds a key by the label of its certificate on the token, reads the public key from
 * that certificate, and asks the token to sign. The private key never leaves the token: the provider is
 * configured to make every private key it touches sensitive and not extractable, and a key the token would
 * hand out in clear is refused. SunPKCS11 does not offer EdDSA, hence P-256 (COSE ES256).
 *
 * <p>The keys are created on the token once, by a documented command ({@code keytool -genkeypair -keystore
 * NONE -storetype PKCS11 …}, see the README), never by Portier. Thread-safe: the provider serialises
 * access to its sessions, and each signature uses its own {@link Signature}.
 */
public final class TokenKeys {

    /** One provider per token: SunPKCS11 initialises a module once per provider instance. */
    private static final Map<String, TokenKeys> OPEN = new ConcurrentHashMap<>();
    private static final int COORDINATE = 32;

    private final Provider provider;
    private final KeyStore store;
    private final Map<String, PrivateKey> privateKeys = new ConcurrentHashMap<>();
    private final Map<String, byte[]> publicKeys = new ConcurrentHashMap<>();

    private TokenKeys(Provider provider, KeyStore store) {
        this.provider = provider;
        this.store = store;
    }

    /** The token the settings name, logged in with their PIN; the same object for the same token and slot. */
    public static TokenKeys open(SignerSettings.Pkcs11 settings) {
        String slot = settings.slot() != null ? "slot = " + settings.slot() : "slotListIndex = " + settings.slotIndex();
        String id = settings.library().toAbsolutePath() + "|" + slot;
        return OPEN.computeIfAbsent(id, ignored -> {
            String config = "--name = Portier\n" + "library = " + settings.library().toAbsolutePath() + "\n" + slot + "\n"
                    // Whatever private key this provider creates or touches stays sensitive and never extractable.
                    + "attributes(*, CKO_PRIVATE_KEY, *) = {\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n}\n";
            Provider provider;
            try {
                provider = Security.getProvider("SunPKCS11").configure(config);
            } catch (RuntimeException e) {
                throw new IllegalStateException("The PKCS#11 token could not be opened with " + settings + ": " + rootMessage(e), e);
            }
            try {
                KeyStore store = KeyStore.getInstance("PKCS11", provider);
                store.load(null, settings.pin());
                return new TokenKeys(provider, store);
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("Could not log in to the PKCS#11 token (" + settings + "): " + rootMessage(e)
                        + ". Check " + SignerSettings.PIN + " or " + SignerSettings.PIN_FILE + " and the slot.", e);
            }
        });
    }

    /** The 65-byte uncompressed SEC1 point (04 ‖ x ‖ y) of the P-256 key labelled {@code label}. */
    public byte[] publicKey(String label) {
        return publicKeys.computeIfAbsent(label, this::loadPublicKey).clone();
    }

    /** A 64-byte ECDSA signature r ‖ s (IEEE P1363, as COSE ES256 has it) of SHA-256({@code data}), made on the token. */
    public byte[] sign(String label, byte[] data) {
        PrivateKey key = privateKeys.computeIfAbsent(label, this::loadPrivateKey);
        try {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format", provider);
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The PKCS#11 token refused to sign with key " + label + ": " + rootMessage(e), e);
        }
    }

    private PrivateKey loadPrivateKey(String label) {
        Key key;
        try {
            key = store.getKey(label, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The PKCS#11 token's key " + label + " cannot be used: " + rootMessage(e), e);
        }
        if (!(key instanceof PrivateKey privateKey)) {
            throw missing(label);
        }
        if (privateKey.getEncoded() != null) {
            throw new IllegalStateException("The PKCS#11 token would hand out the private key " + label + " in clear: Portier "
                    + "only signs with keys that never leave the token (create it with the README's keytool command)");
        }
        loadPublicKey(label);
        return privateKey;
    }

    private byte[] loadPublicKey(String label) {
        Certificate certificate;
        try {
            certificate = store.getCertificate(label);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The PKCS#11 token's certificate " + label + " cannot be read: " + rootMessage(e), e);
        }
        if (certificate == null) {
            throw missing(label);
        }
        if (!(certificate.getPublicKey() instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256
                || !ec.getParams().getOrder().equals(P256_ORDER)) {
            throw new IllegalStateException("The PKCS#11 token's key " + label + " is not an ECDSA P-256 key");
        }
        byte[] point = new byte[1 + 2 * COORDINATE];
        point[0] = 4;
        copy(ec.getW().getAffineX(), point, 1);
        copy(ec.getW().getAffineY(), point, 1 + COORDINATE);
        return point;
    }

    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private static void copy(BigInteger coordinate, byte[] into, int at) {
        byte[] bytes = coordinate.toByteArray();
        int length = Math.min(bytes.length, COORDINATE);
        System.arraycopy(bytes, bytes.length - length, into, at + COORDINATE - length, length);
    }

    private static IllegalStateException missing(String label) {
        return new IllegalStateException("The PKCS#11 token has no key labelled " + label + " (a private key with a certificate "
                + "of that alias): create it on the token with the README's keytool command");
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    @Override
    public String toString() {
        return "TokenKeys[" + provider.getName() + "]";
    }
}
