package dev.portier.plugins.invue.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Reads the key certificate out of a successful {@code POST /v1/dlock} answer, whose shape InVue does not
 * publish: a JSON object with one certificate-like string field (at the top or under {@code data}), a
 * JSON string, bare Base64 text, PEM, or DER bytes. The certificate must be X.509, name the serial (when
 * it has a CN) and be signed by the connection's intermediate; anything else fails with a sentence.
 */
final class KeyCertificateAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIELDS = List.of("certificate", "key_certificate", "keyCertificate", "keycert", "cert", "key");

    /** Why an answer could not be read. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    private KeyCertificateAnswer() {
    }

    static X509Certificate read(byte[] body, String serial, TrustChain chain) throws Unreadable {
        X509Certificate certificate = certificate(body);
        String named = TrustChain.commonName(certificate).orElse(null);
        if (named != null && !named.equals(serial)) {
            throw new Unreadable("the certificate InVue answered names lock " + named + ", not " + serial);
        }
        if (!chain.issued(certificate)) {
            throw new Unreadable("the certificate InVue answered (issuer " + certificate.getIssuerX500Principal().getName()
                    + ") is not signed by the connection's intermediate certificate");
        }
        return certificate;
    }

    private static X509Certificate certificate(byte[] body) throws Unreadable {
        if (body.length == 0) {
            throw new Unreadable("the answer was empty");
        }
        if ((body[0] & 0xff) == 0x30) {
            return der(body);
        }
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (text.startsWith("{") || text.startsWith("\"")) {
            return der(base64(fromJson(text)));
        }
        if (text.contains("-----BEGIN CERTIFICATE-----")) {
            try {
                List<X509Certificate> found = Pem.certificates(text);
                if (found.size() == 1) {
                    return found.getFirst();
                }
                throw new Unreadable("the answer holds " + found.size() + " certificates, not one");
            } catch (Pem.NotACertificate e) {
                throw new Unreadable("the answer " + e.getMessage());
            }
        }
        return der(base64(text));
    }

    private static String fromJson(String text) throws Unreadable {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            throw new Unreadable("the answer is not valid JSON");
        }
        if (node.isTextual()) {
            return node.asText();
        }
        List<String> found = new ArrayList<>();
        collect(node, found);
        if (node.get("data") != null) {
            collect(node.get("data"), found);
        }
        if (found.size() != 1) {
            throw new Unreadable(found.isEmpty() ? "the JSON answer has no certificate field (looked for " + FIELDS + ")"
                    : "the JSON answer has " + found.size() + " certificate-like fields, not one");
        }
        return found.getFirst();
    }

    private static void collect(JsonNode object, List<String> found) {
        if (!object.isObject()) {
            return;
        }
        object.properties().forEach(field -> {
            if (FIELDS.contains(field.getKey().toLowerCase(Locale.ROOT)) || FIELDS.contains(field.getKey())) {
                if (field.getValue().isTextual() && !field.getValue().asText().isBlank()) {
                    found.add(field.getValue().asText());
                }
            }
        });
    }

    private static byte[] base64(String text) throws Unreadable {
        try {
            return Base64.getMimeDecoder().decode(text.replace("\\n", "\n"));
        } catch (IllegalArgumentException e) {
            throw new Unreadable("the answer is not Base64");
        }
    }

    private static X509Certificate der(byte[] der) throws Unreadable {
        if (der.length == 0) {
            throw new Unreadable("the answer holds no certificate");
        }
        try {
            return Pem.fromDer(der);
        } catch (Pem.NotACertificate e) {
            throw new Unreadable("the answer " + e.getMessage());
        }
    }
}
