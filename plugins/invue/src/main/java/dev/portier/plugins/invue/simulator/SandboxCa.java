package dev.portier.plugins.invue.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The certificate authority of sandbox connections: derived from fixed seeds, so its root, its
 * customer intermediate ("Portier Sandbox", 2025–2035) and the provisioning codes of simulated locks
 * are the same in every Portier, after every restart. Its private keys are public knowledge (they are
 * in this jar): production connections refuse this root.
 */
public final class SandboxCa {

    public static final String OWNER = "Portier Sandbox";
    public static final String API_KEY = "sandbox-api-key";
    private static final byte[] SEED = "portier invue sandbox ca v1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] LOCK_SEED = "portier invue sandbox locks v1".getBytes(StandardCharsets.UTF_8);

    private static final class Holder {
        static final CertificateAuthority CA = CertificateAuthority.fromSeed(SEED, "InVue Sandbox Root",
                Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2045-01-01T00:00:00Z"));
        static final CustomerIntermediate INTERMEDIATE = CA.issueIntermediate(OWNER,
                Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2035-01-01T00:00:00Z"));
    }

    private SandboxCa() {
    }

    public static CertificateAuthority authority() {
        return Holder.CA;
    }

    public static CustomerIntermediate intermediate() {
        return Holder.INTERMEDIATE;
    }

    public static byte[] lockSeed() {
        return LOCK_SEED.clone();
    }
}
