package dev.portier.plugins.invue.internal;

import dev.portier.plugin.api.FieldProblem;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * InVue's root certificate and the customer intermediate certificate it signed: what locks check a
 * key certificate against. {@link #read} checks what does not change with time (both parse, the root
 * is a self-signed CA, the intermediate is a CA the root signed); {@link #validityAt} what does.
 */
public record TrustChain(X509Certificate root, X509Certificate intermediate) {

    public static final String ROOT = "rootCertificate";
    public static final String INTERMEDIATE = "intermediateCertificate";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** Either a chain or the problem with one field. */
    public record Read(TrustChain chain, FieldProblem problem) {
    }

    public static Read read(String rootPem, String intermediatePem) {
        X509Certificate root;
        try {
            List<X509Certificate> roots = Pem.certificates(rootPem);
            if (roots.size() != 1) {
                return problem(ROOT, "InVue's root certificate field holds " + roots.size() + " certificates; paste the root alone.");
            }
            root = roots.getFirst();
        } catch (Pem.NotACertificate e) {
            return problem(ROOT, "InVue's root certificate " + e.getMessage() + ".");
        }
        if (!root.getSubjectX500Principal().equals(root.getIssuerX500Principal()) || !signedBy(root, root.getPublicKey())) {
            return problem(ROOT, "The root certificate (" + subject(root) + ") is not self-signed, so it is not a root: "
                    + "paste InVue's root certificate.");
        }
        if (root.getBasicConstraints() < 0) {
            return problem(ROOT, "The root certificate (" + subject(root) + ") is not a CA certificate (basicConstraints).");
        }
        X509Certificate intermediate;
        try {
            List<X509Certificate> candidates = Pem.certificates(intermediatePem).stream()
                    .filter(certificate -> !certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()))
                    .toList();
            if (candidates.size() != 1) {
                return problem(INTERMEDIATE, "Paste exactly one intermediate certificate (found " + candidates.size()
                        + " that are not self-signed).");
            }
            intermediate = candidates.getFirst();
        } catch (Pem.NotACertificate e) {
            return problem(INTERMEDIATE, "The intermediate certificate " + e.getMessage() + ".");
        }
        if (intermediate.getBasicConstraints() < 0) {
            return problem(INTERMEDIATE, "The intermediate certificate (" + subject(intermediate) + ") is not a CA certificate "
                    + "(basicConstraints), so locks would not accept the key certificates it signs.");
        }
        if (!intermediate.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
            return problem(INTERMEDIATE, "The intermediate certificate was issued by " + intermediate.getIssuerX500Principal().getName()
                    + ", not by this root (" + subject(root) + "): wrong root or wrong intermediate.");
        }
        if (!signedBy(intermediate, root.getPublicKey())) {
            return problem(INTERMEDIATE, "The intermediate certificate's signature does not verify with this root's key: it was "
                    + "not issued by this root (" + subject(root) + ").");
        }
        TrustChain chain = new TrustChain(root, intermediate);
        Instant checkedAt = later(root.getNotBefore().toInstant(), intermediate.getNotBefore().toInstant());
        String pathProblem = chain.pathProblem(checkedAt);
        if (pathProblem != null) {
            return problem(INTERMEDIATE, "The intermediate certificate does not chain to the root: " + pathProblem);
        }
        return new Read(chain, null);
    }

    /** The problem with either certificate's validity at {@code now}, if any. */
    public Optional<FieldProblem> validityAt(Instant now) {
        if (now.isAfter(root.getNotAfter().toInstant())) {
            return Optional.of(new FieldProblem(ROOT, "The root certificate expired on " + DAY.format(root.getNotAfter().toInstant()) + "."));
        }
        if (now.isBefore(intermediate.getNotBefore().toInstant())) {
            return Optional.of(new FieldProblem(INTERMEDIATE, "The intermediate certificate is not valid before "
                    + DAY.format(intermediate.getNotBefore().toInstant()) + "."));
        }
        if (now.isAfter(intermediate.getNotAfter().toInstant())) {
            return Optional.of(new FieldProblem(INTERMEDIATE, "The intermediate certificate (" + subject(intermediate)
                    + ") expired on " + DAY.format(expiry()) + ": locks refuse it. Upload the renewed one from InVue."));
        }
        String pathProblem = pathProblem(now);
        return pathProblem == null ? Optional.empty()
                : Optional.of(new FieldProblem(INTERMEDIATE, "The intermediate certificate does not chain to the root: " + pathProblem));
    }

    /** "Intermediate CN=… valid until …", and a warning when it expires within 30 days. */
    public List<String> notes(Instant now) {
        long days = Duration.between(now, expiry()).toDays();
        String note = "Intermediate " + subject(intermediate) + " (issued by " + subject(root) + ") valid until "
                + DAY.format(expiry()) + " (" + days + " days from now).";
        if (days < 30) {
            return List.of(note, "It expires in " + days + " days: ask InVue for the renewed intermediate and upload it here; "
                    + "phones fetch it at their next sync.");
        }
        return List.of(note);
    }

    public Instant expiry() {
        return intermediate.getNotAfter().toInstant();
    }

    /** The intermediate's common name: the "owner" InVue's {@code POST /v1/dlock} expects in {@code certificate}. */
    public String owner() {
        return commonName(intermediate).orElse(intermediate.getSubjectX500Principal().getName());
    }

    /** Whether {@code certificate}'s signature verifies with the intermediate's key. */
    public boolean issued(X509Certificate certificate) {
        return certificate.getIssuerX500Principal().equals(intermediate.getSubjectX500Principal())
                && signedBy(certificate, intermediate.getPublicKey());
    }

    public static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    public static Optional<String> commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(rdn.getValue().toString());
                }
            }
            return Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    private String pathProblem(Instant at) {
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(List.of(intermediate)), parameters);
            return null;
        } catch (CertPathValidatorException e) {
            return e.getReason() + ": " + e.getMessage();
        } catch (GeneralSecurityException e) {
            return e.getMessage();
        }
    }

    static boolean signedBy(X509Certificate certificate, PublicKey key) {
        try {
            certificate.verify(key);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Read problem(String key, String message) {
        return new Read(null, new FieldProblem(key, message));
    }
}
