package dev.portier.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** What an attacker can do to a key without the issuer's private key: edit its payload and keep the old signature. */
final class Tampering {

    private static final CBORMapper CBOR = new CBORMapper();

    private Tampering() {
    }

    /** The COSE_Sign1 credential with its permissions replaced, signature untouched. */
    static byte[] withPermission(byte[] credential, String permission) {
        try {
            JsonNode cose = CBOR.readTree(credential);
            ObjectNode payload = (ObjectNode) CBOR.readTree(cose.get(2).binaryValue());
            payload.putArray("perm").add(permission);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (CBORGenerator cbor = (CBORGenerator) CBOR.getFactory().createGenerator(out)) {
                cbor.writeTag(18);
                cbor.writeStartArray();
                cbor.writeBinary(cose.get(0).binaryValue());
                cbor.writeStartObject();
                if (cose.get(1).has("4")) {
                    cbor.writeFieldId(4);
                    cbor.writeBinary(cose.get(1).get("4").binaryValue());
                }
                cbor.writeEndObject();
                cbor.writeBinary(CBOR.writeValueAsBytes(payload));
                cbor.writeBinary(cose.get(3).binaryValue());
                cbor.writeEndArray();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
