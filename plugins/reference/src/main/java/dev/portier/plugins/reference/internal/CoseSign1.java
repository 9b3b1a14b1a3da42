package dev.portier.plugins.reference.internal;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import dev.portier.plugin.api.Signer;
import java.io.IOException;
import java.util.Arrays;

/**
 * COSE_Sign1 (RFC 9052 §4.2), tag 18: [protected = bstr({1: alg}) (-8 EdDSA or -7 ES256), unprotected =
 * {4: kid}, payload bstr, signature bstr]. The signature covers Sig_structure ["Signature1", protected, h'',
 * payload]. The kid is the signing key's RFC 9679 thumbprint ({@link IssuerKey}): it names which key
 * signed, so a verifier picks that key among those it trusts.
 *
 * @param protectedHeader the protected header's bytes as they travelled
 * @param kid             the unprotected kid, or {@code null} when absent
 * @param payload         the signed bytes
 * @param signature       64-byte signature (Ed25519, or ES256 r ‖ s)
 */
public record CoseSign1(byte[] protectedHeader, byte[] kid, byte[] payload, byte[] signature) {

    /** CBOR tag of COSE_Sign1. */
    public static final int TAG = 18;
    private static final int ALG_LABEL = 1;
    private static final int KID_LABEL = 4;

    /** Signs {@code payload} with the host's key {@code keyName} (whose public key is {@code key}) and answers the encoded COSE_Sign1. */
    public static byte[] sign(Signer signer, String keyName, IssuerKey key, byte[] payload) {
        byte[] protectedHeader = protectedHeader(key.coseAlgorithm());
        byte[] signature = signer.sign(keyName, sigStructure(protectedHeader, payload));
        return new CoseSign1(protectedHeader, key.kid(), payload, signature).encode();
    }

    /** Signs {@code payload} with a raw Ed25519 private key (a lock's identity key). */
    public static byte[] sign(byte[] ed25519PrivateKey, byte[] payload) {
        byte[] protectedHeader = protectedHeader(IssuerKey.EDDSA);
        byte[] kid = IssuerKey.of(dev.portier.plugin.api.Signer.Algorithm.ED25519, Ed25519.publicKey(ed25519PrivateKey)).kid();
        return new CoseSign1(protectedHeader, kid, payload, Ed25519.sign(ed25519PrivateKey, sigStructure(protectedHeader, payload))).encode();
    }

    /** {1: alg}, deterministic. */
    static byte[] protectedHeader(int algorithm) {
        return Cbor.write(g -> {
            g.writeStartObject(null, 1);
            g.writeFieldId(ALG_LABEL);
            g.writeNumber(algorithm);
            g.writeEndObject();
        });
    }

    /** The encoded form of this message (tag 18, definite lengths). */
    public byte[] encode() {
        return Cbor.write(g -> {
            g.writeTag(TAG);
            g.writeStartArray(null, 4);
            g.writeBinary(protectedHeader);
            g.writeStartObject(null, kid == null ? 0 : 1);
            if (kid != null) {
                g.writeFieldId(KID_LABEL);
                g.writeBinary(kid);
            }
            g.writeEndObject();
            g.writeBinary(payload);
            g.writeBinary(signature);
            g.writeEndArray();
        });
    }

    /** The same message with another payload and the old signature (what a tamperer can make). */
    public CoseSign1 withPayload(byte[] otherPayload) {
        return new CoseSign1(protectedHeader, kid, otherPayload, signature);
    }

    /** Whether {@code key} signed this: the kid names it, the protected header says its algorithm, and the signature holds. */
    public boolean verifiedBy(IssuerKey key) {
        return key != null && kid != null && Arrays.equals(kid, key.kid())
                && Arrays.equals(protectedHeader, protectedHeader(key.coseAlgorithm()))
                && key.verifies(sigStructure(protectedHeader, payload), signature);
    }

    /** Whether the raw Ed25519 key {@code publicKey} signed this (a lock's report). */
    public boolean verifiedBy(byte[] publicKey) {
        return Ed25519.validPublicKey(publicKey) && verifiedBy(IssuerKey.of(dev.portier.plugin.api.Signer.Algorithm.ED25519, publicKey));
    }

    static byte[] sigStructure(byte[] protectedHeader, byte[] payload) {
        return Cbor.write(g -> {
            g.writeStartArray(null, 4);
            g.writeString("Signature1");
            g.writeBinary(protectedHeader);
            g.writeBinary(new byte[0]);
            g.writeBinary(payload);
            g.writeEndArray();
        });
    }

    /** Decodes a COSE_Sign1; anything else (no tag 18, wrong shape, trailing bytes) is an {@link IllegalArgumentException}. */
    public static CoseSign1 decode(byte[] bytes) {
        try (CBORParser parser = Cbor.factory().createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_ARRAY || parser.getCurrentTag() != TAG) {
                throw new IllegalArgumentException("Not a COSE_Sign1 (tag 18 array)");
            }
            byte[] protectedHeader = binary(parser, "protected header");
            byte[] kid = unprotectedKid(parser);
            byte[] payload = binary(parser, "payload");
            byte[] signature = binary(parser, "signature");
            if (parser.nextToken() != JsonToken.END_ARRAY || parser.nextToken() != null) {
                throw new IllegalArgumentException("A COSE_Sign1 has exactly four items");
            }
            return new CoseSign1(protectedHeader, kid, payload, signature);
        } catch (IOException e) {
            throw new IllegalArgumentException("Malformed COSE_Sign1: " + e.getMessage());
        }
    }

    private static byte[] binary(CBORParser parser, String what) throws IOException {
        if (parser.nextToken() != JsonToken.VALUE_EMBEDDED_OBJECT) {
            throw new IllegalArgumentException("COSE_Sign1 " + what + " is not a byte string");
        }
        return parser.getBinaryValue();
    }

    private static byte[] unprotectedKid(CBORParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("COSE_Sign1 unprotected header is not a map");
        }
        byte[] kid = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String label = parser.currentName();
            JsonToken value = parser.nextToken();
            if (String.valueOf(KID_LABEL).equals(label) && value == JsonToken.VALUE_EMBEDDED_OBJECT) {
                kid = parser.getBinaryValue();
            } else {
                parser.skipChildren();
            }
        }
        return kid;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CoseSign1 that && Arrays.equals(protectedHeader, that.protectedHeader)
                && Arrays.equals(kid, that.kid) && Arrays.equals(payload, that.payload)
                && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payload) * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "CoseSign1[kid=" + (kid == null ? "none" : java.util.HexFormat.of().formatHex(kid)) + ", payload " + payload.length + " bytes]";
    }
}
