package dev.portier.plugins.reference.internal;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import dev.portier.plugin.api.Signer;
import java.io.IOException;
import java.util.Arrays;

/**
 * COSE_Sign1 (RFC 9052 §4.2), tag 18: [protected = bstr({1: -8}) (alg EdDSA), unprotected = {4: bstr(key name)},
 * payload bstr, signature bstr]. The signature covers Sig_structure ["Signature1", protected, h'', payload].
 *
 * @param protectedHeader the protected header's bytes as they travelled
 * @param keyName         the unprotected kid (which host key signed, e.g. "issuing")
 * @param payload         the signed bytes
 * @param signature       64-byte Ed25519 signature
 */
public record CoseSign1(byte[] protectedHeader, String keyName, byte[] payload, byte[] signature) {

    /** CBOR tag of COSE_Sign1. */
    public static final int TAG = 18;
    /** {1: -8}: algorithm EdDSA. */
    private static final byte[] PROTECTED_EDDSA = Cbor.write(g -> {
        g.writeStartObject(null, 1);
        g.writeFieldId(1);
        g.writeNumber(-8);
        g.writeEndObject();
    });
    private static final int KID_LABEL = 4;

    /** Signs {@code payload} with the host's key {@code keyName} and answers the encoded COSE_Sign1. */
    public static byte[] sign(Signer signer, String keyName, byte[] payload) {
        byte[] signature = signer.sign(keyName, sigStructure(PROTECTED_EDDSA, payload));
        return new CoseSign1(PROTECTED_EDDSA, keyName, payload, signature).encode();
    }

    /** The encoded form of this message (tag 18, definite lengths). */
    public byte[] encode() {
        return Cbor.write(g -> {
            g.writeTag(TAG);
            g.writeStartArray(null, 4);
            g.writeBinary(protectedHeader);
            g.writeStartObject(null, 1);
            g.writeFieldId(KID_LABEL);
            g.writeBinary(keyName.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            g.writeEndObject();
            g.writeBinary(payload);
            g.writeBinary(signature);
            g.writeEndArray();
        });
    }

    /** The same message with another payload and the old signature (what a tamperer can make). */
    public CoseSign1 withPayload(byte[] otherPayload) {
        return new CoseSign1(protectedHeader, keyName, otherPayload, signature);
    }

    /** Whether the protected header says EdDSA and {@code publicKey} signed protected header and payload. */
    public boolean verifiedBy(byte[] publicKey) {
        return Arrays.equals(protectedHeader, PROTECTED_EDDSA)
                && Ed25519.verify(publicKey, sigStructure(protectedHeader, payload), signature);
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
            String keyName = unprotectedKid(parser);
            byte[] payload = binary(parser, "payload");
            byte[] signature = binary(parser, "signature");
            if (parser.nextToken() != JsonToken.END_ARRAY || parser.nextToken() != null) {
                throw new IllegalArgumentException("A COSE_Sign1 has exactly four items");
            }
            return new CoseSign1(protectedHeader, keyName, payload, signature);
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

    private static String unprotectedKid(CBORParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("COSE_Sign1 unprotected header is not a map");
        }
        String kid = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String label = parser.currentName();
            JsonToken value = parser.nextToken();
            if (String.valueOf(KID_LABEL).equals(label) && value == JsonToken.VALUE_EMBEDDED_OBJECT) {
                kid = new String(parser.getBinaryValue(), java.nio.charset.StandardCharsets.UTF_8);
            } else {
                parser.skipChildren();
            }
        }
        return kid;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CoseSign1 that && Arrays.equals(protectedHeader, that.protectedHeader)
                && java.util.Objects.equals(keyName, that.keyName) && Arrays.equals(payload, that.payload)
                && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payload) * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "CoseSign1[kid=" + keyName + ", payload " + payload.length + " bytes]";
    }
}
