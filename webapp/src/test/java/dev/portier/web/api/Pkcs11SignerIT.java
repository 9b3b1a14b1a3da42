package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.config.SignerSettings;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.plugins.reference.LockSimulator;
import dev.portier.plugins.reference.PhoneSimulator;
import dev.portier.plugins.reference.PhoneSimulator.TapOutcome;
import dev.portier.testing.BundledPluginJar;
import dev.portier.testing.RunningServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 12: the issuing key on a PKCS#11 token (SoftHSM 2), generated on the token by the README's
 * keytool command, signs keys that a simulated lock accepts, while its private key never leaves the token.
 * Skipped only when SoftHSM 2 is not installed; CI installs it ({@code .ci/run}).
 */
class Pkcs11SignerIT {

    static final Path SOFTHSM = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    static final String PIN = "4711-portier";

    @TempDir
    Path dir;

    @Test
    void keysSignedOnTheTokenOpenTheLockAndThePrivateKeyNeverLeavesIt() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(SOFTHSM), "softhsm2 is not installed (" + SOFTHSM + " missing): "
                + "apt-get install softhsm2 to run this test; .ci/run installs it");
        String conf = System.getenv("SOFTHSM2_CONF");
        Assumptions.assumeTrue(conf != null, "SOFTHSM2_CONF is not set: run this test through Maven (failsafe sets it)");

        // A fresh token in a temp dir, and the issuing key generated on it, exactly as the README says.
        Path tokens = Files.createDirectories(dir.resolve("tokens"));
        Files.createDirectories(Path.of(conf).getParent());
        Files.writeString(Path.of(conf), "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        run("softhsm2-util", "--init-token", "--free", "--label", "portier", "--pin", PIN, "--so-pin", "0815-officer");
        Path pkcs11Config = dir.resolve("pkcs11.cfg");
        Files.writeString(pkcs11Config, "name = SoftHSM\nlibrary = " + SOFTHSM + "\nslotListIndex = 0\n"
                + "attributes(*, CKO_PRIVATE_KEY, *) = {\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n}\n");
        run(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-keystore", "NONE",
                "-storetype", "PKCS11", "-providerClass", "sun.security.pkcs11.SunPKCS11", "-providerArg", pkcs11Config.toString(),
                "-storepass", PIN, "-alias", "portier-issuing", "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-dname", "CN=portier-issuing", "-validity", "3650");

        SignerSettings settings = new SignerSettings(new SignerSettings.Pkcs11(SOFTHSM, null, 0, PIN.toCharArray(),
                SignerSettings.DEFAULT_KEY_LABEL, Set.of("issuing")));
        BundledPluginJar.install(dir, "reference");
        try (RunningServer server = RunningServer.withAdmin(dir, settings)) {
            SignedInUser admin = ApiFixtures.admin(server);
            ApiClient manager = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "Manager token"));
            String connectionId = server.get(ConnectionService.class).create(admin, new ConnectionDraft("Reference locks",
                    "reference", Map.of("mode", "production"))).id();
            String site = manager.post("/api/v1/sites", ApiCrudIT.site("Harbour", "UTC")).id();
            ObjectNode body = ApiCrudIT.lock(site, "Vault").put("state", "PENDING_ENROLMENT").put("connectionId", connectionId)
                    .put("vendorReference", "REF-Vault");
            ApiClient.Answer created = manager.post("/api/v1/locks", body);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String lockId = created.id();
            MutableClock clock = new MutableClock(Instant.now());
            LockSimulator lock = TrustFixtures.enrol(manager, lockId, clock);

            // The lock trusts the token's P-256 key: its enrolment issuer key is the 65-byte uncompressed point.
            byte[] issuerKey = lock.issuerKeys().getFirst();
            assertThat(issuerKey).hasSize(65);
            assertThat(issuerKey[0]).isEqualTo((byte) 4);

            String personId = manager.post("/api/v1/people", ApiCrudIT.person("Hedda", "hedda@example.com")).id();
            ApiClient.Answer code = manager.post("/api/v1/trust/device-enrolment-codes", ApiClient.object().put("personId", personId));
            PhoneSimulator phone = PhoneSimulator.create(URI.create(server.url("")), clock);
            phone.register(code.json().get("code").asText(), "Hedda's phone");
            ObjectNode grant = ApiClient.object().put("personId", personId).put("lockId", lockId).put("delivery", "PRE_ISSUED");
            grant.putArray("permissions").add("UNLOCK");
            String grantId = manager.post("/api/v1/grants", grant).id();
            server.get(dev.portier.drivers.trust.KeyIssuer.class).reconcileGrantQuietly(admin.accountId(), grantId);
            phone.sync();

            assertThat(phone.tap(lock, "UNLOCK").outcome()).isEqualTo(TapOutcome.OPENED);
            byte[] credential = phone.keys().getFirst().credential();
            // COSE_Sign1 with protected {1: -7} (ES256), and the kid the RFC 9679 thumbprint of the token's key.
            assertThat(HexFormat.of().formatHex(credential, 0, 6)).isEqualTo("d28443a10126");
            byte[] thumbprint = java.security.MessageDigest.getInstance("SHA-256").digest(HexFormat.of().parseHex(
                    "a401022001215820" + HexFormat.of().formatHex(issuerKey, 1, 33) + "225820" + HexFormat.of().formatHex(issuerKey, 33, 65)));
            assertThat(java.util.Arrays.copyOfRange(credential, 10, 42)).isEqualTo(thumbprint);
        }

        // The private key is on the token and stays there: the token hands out no key material.
        Provider provider = Security.getProvider("SunPKCS11").configure(pkcs11Config.toString());
        KeyStore store = KeyStore.getInstance("PKCS11", provider);
        store.load(null, PIN.toCharArray());
        Key key = store.getKey("portier-issuing", null);
        assertThat(key).isNotNull();
        assertThat(key.getEncoded()).as("sensitive, not extractable").isNull();
        assertThat(Files.readString(Path.of(conf), StandardCharsets.UTF_8)).contains(tokens.toString());
        assertThat(List.of(Base64.getEncoder().encodeToString(store.getCertificate("portier-issuing").getPublicKey().getEncoded())))
                .hasSize(1);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }
}
