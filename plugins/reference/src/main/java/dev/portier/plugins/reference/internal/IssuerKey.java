package dev.portier.plugins.reference.internal;

import dev.portier.plugin.api.Signer;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A public key that signs keys, lists or lock reports, named by its COSE Key Thumbprint (RFC 9679): the
 * SHA-256 of its deterministic COSE_Key with the required parameters only — {1: 1 (OKP), -1: 6 (Ed25519),
 * -2: x} for Ed25519, {1: 2 (EC2), -1: 1 (P-256), -2: x, -3: y} for ES256. That thumbprint is the COSE
 * {@code kid} of whatever the key signs, so a lock finds the key among those it trusts and the issuer key
 * can rotate without lock-out.
 *
 * @param kid       the thumbprint, 32 bytes
 * @param algorithm Ed25519 (COSE -8) or ES256 (COSE -7)
 * @param publicKey raw 32-byte Ed25519 key, or 65-byte uncompressed P-256 point
 */
public record IssuerKey(byte[] kid, Signer.Algorithm algorithm, byte[] publicKey) {

    /** COSE algorithm ids. */
    public static final int EDDSA = -8;
    public static final int ES256 = -7;
    private static final int P256_POINT = 65;
    private static final int COORDINATE = 32;

    public IssuerKey {
        kid = kid.clone();
        publicKey = publicKey.clone();
    }

    /** The key with its thumbprint; a key of the wrong shape for {@code algorithm} is an {@link IllegalArgumentException}. */
    public static IssuerKey of(Signer.Algorithm algorithm, byte[] publicKey) {
        return new IssuerKey(thumbprint(algorithm, publicKey), algorithm, publicKey);
    }

    /** A raw public key whose length tells its algorithm: 32 bytes Ed25519, 65 bytes (04 ‖ x ‖ y) P-256. */
    public static IssuerKey ofRaw(byte[] publicKey) {
        return of(publicKey != null && publicKey.length == P256_POINT ? Signer.Algorithm.ES256 : Signer.Algorithm.ED25519, publicKey);
    }

    /** The signer's key {@code keyName}, as the signer states its algorithm. */
    public static IssuerKey of(Signer signer, String keyName) {
        return of(signer.algorithm(keyName), signer.publicKey(keyName));
    }

    /** The COSE algorithm id the protected header carries. */
    public int coseAlgorithm() {
        return algorithm == Signer.Algorithm.ES256 ? ES256 : EDDSA;
    }

    /** Whether {@code signature} is this key's signature of {@code data}; false for anything malformed. */
    public boolean verifies(byte[] data, byte[] signature) {
        return switch (algorithm) {
            case ED25519 -> Ed25519.verify(publicKey, data, signature);
            case ES256 -> verifyEs256(data, signature);
        };
    }

    private boolean verifyEs256(byte[] data, byte[] signature) {
        if (signature == null || signature.length != 2 * COORDINATE) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(p256(publicKey));
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A JDK public key of an uncompressed P-256 point; the JDK refuses points off the curve. */
    static PublicKey p256(byte[] point) throws GeneralSecurityException {
        if (point.length != P256_POINT || point[0] != 4) {
            throw new IllegalArgumentException("A P-256 key is 65 bytes, 04 ‖ x ‖ y");
        }
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec curve = parameters.getParameterSpec(ECParameterSpec.class);
        ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + COORDINATE)),
                new BigInteger(1, Arrays.copyOfRange(point, 1 + COORDINATE, P256_POINT)));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, curve));
    }

    /** RFC 9679 thumbprint: SHA-256 of the deterministic COSE_Key with the required parameters. */
    static byte[] thumbprint(Signer.Algorithm algorithm, byte[] publicKey) {
        byte[] coseKey = switch (algorithm) {
            case ED25519 -> {
                if (!Ed25519.validPublicKey(publicKey)) {
                    throw new IllegalArgumentException("An Ed25519 key is a raw 32-byte point");
                }
                yield Cbor.write(g -> {
                    g.writeStartObject(null, 3);
                    g.writeFieldId(1);
                    g.writeNumber(1);
                    g.writeFieldId(-1);
                    g.writeNumber(6);
                    g.writeFieldId(-2);
                    g.writeBinary(publicKey);
                    g.writeEndObject();
                });
            }
            case ES256 -> {
                try {
                    p256(publicKey);
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException("Not a P-256 public key: " + e.getMessage());
                }
                yield Cbor.write(g -> {
                    g.writeStartObject(null, 4);
                    g.writeFieldId(1);
                    g.writeNumber(2);
                    g.writeFieldId(-1);
                    g.writeNumber(1);
                    g.writeFieldId(-2);
                    g.writeBinary(Arrays.copyOfRange(publicKey, 1, 1 + COORDINATE));
                    g.writeFieldId(-3);
                    g.writeBinary(Arrays.copyOfRange(publicKey, 1 + COORDINATE, P256_POINT));
                    g.writeEndObject();
                });
            }
        };
        try {
            return MessageDigest.getInstance("SHA-256").digest(coseKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The kid as lowercase hex, for messages. */
    public String kidHex() {
        return HexFormat.of().formatHex(kid);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IssuerKey that && algorithm == that.algorithm && Arrays.equals(publicKey, that.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "IssuerKey[" + algorithm + ", kid " + kidHex().substring(0, 16) + "…]";
    }
}
