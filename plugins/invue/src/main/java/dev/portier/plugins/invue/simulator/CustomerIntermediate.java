package dev.portier.plugins.invue.simulator;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.security.auth.x500.X500Principal;

/**
 * A customer intermediate certificate and its private key, which (as the vendor's text suggests) InVue
 * holds to sign the customer's key certificates. Immutable.
 */
public record CustomerIntermediate(X509Certificate certificate, PrivateKey privateKey) {

    /** The owner name (the subject's CN), which {@code POST /v1/dlock} names in {@code certificate}. */
    public String owner() {
        try {
            return new LdapName(certificate.getSubjectX500Principal().getName()).getRdns().stream()
                    .filter(rdn -> rdn.getType().equalsIgnoreCase("CN")).map(rdn -> rdn.getValue().toString())
                    .findFirst().orElseThrow();
        } catch (InvalidNameException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key certificate: the lock's key, named by its serial, signed by this intermediate. */
    public X509Certificate issueKeyCertificate(String serial, PublicKey lockKey, Instant notBefore, Instant notAfter) {
        BigInteger number = new BigInteger(1, Ed25519Keys.sha256(serial.getBytes(StandardCharsets.UTF_8),
                lockKey.getEncoded())).shiftRight(130).add(BigInteger.ONE);
        return CertificateAuthority.certificate(new X500Principal("CN=" + serial + ", OU=LIVE Lock key"),
                certificate.getSubjectX500Principal(), lockKey, privateKey, notBefore, notAfter, number, -1);
    }
}
