package dev.portier.plugins.invue.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** X.509 certificates to and from PEM text, with the JDK's parser. */
public final class Pem {

    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";

    private Pem() {
    }

    /** Why a text is not the certificate(s) it should be; the message is for people. */
    public static final class NotACertificate extends Exception {
        private static final long serialVersionUID = 1L;

        NotACertificate(String message) {
            super(message);
        }
    }

    /** Every certificate of a PEM text, in order; at least one. */
    public static List<X509Certificate> certificates(String text) throws NotACertificate {
        if (text == null || !text.contains(BEGIN)) {
            throw new NotACertificate("is not a PEM certificate (it should start with " + BEGIN + ")");
        }
        try {
            List<X509Certificate> found = new ArrayList<>();
            for (var certificate : factory().generateCertificates(
                    new ByteArrayInputStream(text.trim().getBytes(StandardCharsets.US_ASCII)))) {
                found.add((X509Certificate) certificate);
            }
            if (found.isEmpty()) {
                throw new NotACertificate("holds no certificate");
            }
            return found;
        } catch (CertificateException | ClassCastException e) {
            throw new NotACertificate("is not a readable PEM certificate (" + firstLine(e.getMessage()) + ")");
        }
    }

    /** One X.509 certificate from its DER bytes. */
    public static X509Certificate fromDer(byte[] der) throws NotACertificate {
        try {
            return (X509Certificate) factory().generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | ClassCastException e) {
            throw new NotACertificate("is not a DER-encoded X.509 certificate (" + firstLine(e.getMessage()) + ")");
        }
    }

    public static String encode(X509Certificate certificate) {
        return BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der(certificate))
                + "\n-----END CERTIFICATE-----\n";
    }

    public static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("A parsed certificate cannot be encoded", e);
        }
    }

    private static CertificateFactory factory() throws CertificateException {
        return CertificateFactory.getInstance("X.509");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse(message);
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }
}
