package dev.portier.plugins.invue.simulator;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A stand-in for InVue's root CA: a self-signed Ed25519 root that issues customer intermediate
 * certificates ({@link CustomerIntermediate}), real X.509 built with BouncyCastle's bcpkix. Renewing an
 * intermediate certifies the same key and subject again with a new validity, which is why key
 * certificates need no renewal (the vendor says so; the shared key is our reading of it).
 */
public final class CertificateAuthority {

    private final KeyPair rootKeys;
    private final X509Certificate root;
    private final SecureRandom serials;
    private final byte[] seed;

    private CertificateAuthority(KeyPair rootKeys, String name, Instant notBefore, Instant notAfter, byte[] seed) {
        this.rootKeys = rootKeys;
        this.seed = seed;
        this.serials = new SecureRandom();
        X500Principal subject = new X500Principal("CN=" + name + ", O=InVue (simulated)");
        this.root = certificate(subject, subject, rootKeys.getPublic(), rootKeys.getPrivate(), notBefore, notAfter,
                serial("root"), 1);
    }

    /** A CA with a fresh random key, valid from {@code notBefore} to {@code notAfter}. */
    public static CertificateAuthority create(String name, Instant notBefore, Instant notAfter) {
        return new CertificateAuthority(Ed25519Keys.random(), name, notBefore, notAfter, null);
    }

    /** A CA whose key and certificates follow from {@code seed}: the same bytes every time (Ed25519 signs deterministically). */
    public static CertificateAuthority fromSeed(byte[] seed, String name, Instant notBefore, Instant notAfter) {
        return new CertificateAuthority(Ed25519Keys.derived("root", seed), name, notBefore, notAfter, seed.clone());
    }

    public X509Certificate root() {
        return root;
    }

    /** A customer intermediate (a CA with path length 0) for {@code owner}, with a key of its own. */
    public CustomerIntermediate issueIntermediate(String owner, Instant notBefore, Instant notAfter) {
        KeyPair keys = seed == null ? Ed25519Keys.random() : Ed25519Keys.derived("intermediate:" + owner, seed);
        return new CustomerIntermediate(intermediateCertificate(owner, keys.getPublic(), notBefore, notAfter), keys.getPrivate());
    }

    /** The renewal of {@code current}: the same owner and key, a new validity. */
    public CustomerIntermediate renew(CustomerIntermediate current, Instant notBefore, Instant notAfter) {
        String owner = current.owner();
        return new CustomerIntermediate(intermediateCertificate(owner, current.certificate().getPublicKey(), notBefore, notAfter),
                current.privateKey());
    }

    private X509Certificate intermediateCertificate(String owner, PublicKey key, Instant notBefore, Instant notAfter) {
        return certificate(new X500Principal("CN=" + owner + ", OU=Customer Intermediate"), root.getSubjectX500Principal(), key,
                rootKeys.getPrivate(), notBefore, notAfter, serial(owner + notBefore + notAfter), 0);
    }

    private BigInteger serial(String label) {
        if (seed == null) {
            return new BigInteger(63, serials).add(BigInteger.ONE);
        }
        return new BigInteger(1, Ed25519Keys.sha256(seed, label.getBytes(StandardCharsets.UTF_8))).shiftRight(130).add(BigInteger.ONE);
    }

    /**
     * An X.509 v3 certificate. {@code pathLength} ≥ 0 makes a CA (keyCertSign); -1 an end entity (a key certificate).
     */
    static X509Certificate certificate(X500Principal subject, X500Principal issuer, PublicKey key, PrivateKey signer,
            Instant notBefore, Instant notAfter, BigInteger serial, int pathLength) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial, Date.from(notBefore),
                    Date.from(notAfter), subject, key);
            if (pathLength >= 0) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            }
            byte[] der = builder.build(new JcaContentSignerBuilder("Ed25519").build(signer)).getEncoded();
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (IOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build a simulated certificate", e);
        }
    }
}
