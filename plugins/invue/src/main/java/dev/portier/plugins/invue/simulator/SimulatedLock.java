package dev.portier.plugins.invue.simulator;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;

/**
 * A LIVE Lock as the phone's SDK meets it: a serial number, a provisioning bit (0 = new, it hands out its
 * provisioning code), InVue's root in its firmware and a key derived from its provisioning code (the API
 * derives the same key, so a key certificate binds to this lock). It unlocks only for a key certificate
 * naming its serial and key, chained through a valid intermediate to its root at its own clock's time.
 * Thread-safe.
 */
public final class SimulatedLock {

    /** What a presentation did, and why, in words. */
    public record Attempt(boolean unlocked, String reason) {
    }

    private final String serial;
    private final byte[] provisioningCode;
    private final X509Certificate trustedRoot;
    private final PublicKey key;
    private final Clock clock;
    private volatile boolean provisioned;

    SimulatedLock(String serial, byte[] provisioningCode, X509Certificate trustedRoot, Clock clock) {
        this.serial = serial;
        this.provisioningCode = provisioningCode.clone();
        this.trustedRoot = trustedRoot;
        this.clock = clock;
        this.key = keyFor(provisioningCode).getPublic();
    }

    /** The key a provisioning code stands for (the API and the lock both derive it). */
    static KeyPair keyFor(byte[] provisioningCode) {
        return Ed25519Keys.derived("live-lock-key", provisioningCode);
    }

    public String serial() {
        return serial;
    }

    /** 0 until a key certificate first unlocked it. */
    public boolean provisioned() {
        return provisioned;
    }

    /** What the SDK reads from a new lock: standard Base64 of 256 bytes (344 characters), as the vendor's example. */
    public String provisioningCode() {
        return Base64.getEncoder().encodeToString(provisioningCode);
    }

    /** The phone presents the key certificate and the intermediate it holds. */
    public Attempt present(X509Certificate keyCertificate, X509Certificate intermediate) {
        String named = commonName(keyCertificate);
        if (!serial.equals(named)) {
            return new Attempt(false, "refused: the key certificate is for lock " + named + ", this is lock " + serial);
        }
        if (!Arrays.equals(key.getEncoded(), keyCertificate.getPublicKey().getEncoded())) {
            return new Attempt(false, "refused: the key certificate does not carry this lock's key");
        }
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(trustedRoot, null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(clock.instant()));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(List.of(keyCertificate, intermediate)), parameters);
        } catch (CertPathValidatorException e) {
            return new Attempt(false, "refused: the chain to InVue's root does not hold (" + reason(e) + ")");
        } catch (GeneralSecurityException e) {
            return new Attempt(false, "refused: " + e.getMessage());
        }
        boolean first = !provisioned;
        provisioned = true;
        return new Attempt(true, first ? "unlocked; provisioning bit set to 1" : "unlocked");
    }

    private static String reason(CertPathValidatorException e) {
        String index = e.getIndex() == 0 ? "key certificate" : e.getIndex() == 1 ? "intermediate certificate" : "chain";
        return switch (e.getReason()) {
            case CertPathValidatorException.BasicReason.EXPIRED -> "the " + index + " has expired";
            case CertPathValidatorException.BasicReason.NOT_YET_VALID -> "the " + index + " is not yet valid";
            default -> e.getReason() + " at the " + index + ": " + e.getMessage();
        };
    }

    private static String commonName(X509Certificate certificate) {
        try {
            return new LdapName(certificate.getSubjectX500Principal().getName()).getRdns().stream()
                    .filter(rdn -> rdn.getType().equalsIgnoreCase("CN")).map(rdn -> rdn.getValue().toString())
                    .findFirst().orElse("(none)");
        } catch (InvalidNameException e) {
            return "(unreadable)";
        }
    }
}
