package dev.portier.drivers.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.platform.db.Database;
import dev.portier.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostSignerTest {

    private static final byte[] MESSAGE = "key for lock L-1, valid until 2026-12-01".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private static boolean verifies(byte[] publicKey, byte[] message, byte[] signature) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    @Test
    void aSignatureVerifiesWithThePublicKeyAndATamperedMessageDoesNot() {
        try (TestServices services = new TestServices(dir, Clock.systemUTC())) {
            HostSigner signer = services.get(ConnectionCrypto.class).signer("conn-1");

            byte[] publicKey = signer.publicKey("issuing");
            byte[] signature = signer.sign("issuing", MESSAGE);

            assertThat(publicKey).hasSize(32);
            assertThat(signature).hasSize(64);
            assertThat(verifies(publicKey, MESSAGE, signature)).isTrue();
            byte[] tampered = MESSAGE.clone();
            tampered[tampered.length - 1] ^= 1;
            assertThat(verifies(publicKey, tampered, signature)).isFalse();
        }
    }

    @Test
    void keysSurviveARestart() {
        byte[] publicKey;
        try (TestServices services = new TestServices(dir, Clock.systemUTC())) {
            publicKey = services.get(ConnectionCrypto.class).signer("conn-1").publicKey("issuing");
        }
        try (TestServices services = new TestServices(dir, Clock.systemUTC())) {
            HostSigner signer = services.get(ConnectionCrypto.class).signer("conn-1");
            assertThat(signer.publicKey("issuing")).isEqualTo(publicKey);
            assertThat(verifies(publicKey, MESSAGE, signer.sign("issuing", MESSAGE))).isTrue();
        }
    }

    @Test
    void eachNameAndConnectionHasItsOwnKey() {
        try (TestServices services = new TestServices(dir, Clock.systemUTC())) {
            ConnectionCrypto crypto = services.get(ConnectionCrypto.class);
            Set<String> keys = new HashSet<>(List.of(
                    HexFormat.of().formatHex(crypto.signer("conn-1").publicKey("issuing")),
                    HexFormat.of().formatHex(crypto.signer("conn-1").publicKey("revocations")),
                    HexFormat.of().formatHex(crypto.signer("conn-2").publicKey("issuing"))));
            assertThat(keys).hasSize(3);
        }
    }

    @Test
    void concurrentFirstUseCreatesOneKey() throws Exception {
        try (TestServices services = new TestServices(dir, Clock.systemUTC())) {
            ConnectionCrypto crypto = services.get(ConnectionCrypto.class);
            // Separate signers (as two driver contexts would hold) racing for the same new key.
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                HostSigner signer = crypto.signer("conn-1");
                calls.add(() -> HexFormat.of().formatHex(signer.publicKey("issuing")));
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                Set<String> seen = new HashSet<>();
                for (Future<String> f : pool.invokeAll(calls)) {
                    seen.add(f.get());
                }
                assertThat(seen).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
            int rows = services.get(Database.class).jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM secrets WHERE name = 'portier:signing-key:issuing'").mapTo(Integer.class).one());
            assertThat(rows).isEqualTo(1);
        }
    }

    @Test
    void thePrivateKeyStaysOutOfReachOfDriversAndDescriptions() {
        try (TestServices services = new TestServices(dir, Clock.systemUTC())) {
            ConnectionCrypto crypto = services.get(ConnectionCrypto.class);
            HostSigner signer = crypto.signer("conn-1");
            signer.sign("issuing", MESSAGE);
            String stored = services.get(Database.class).jdbi().withHandle(h -> h.createQuery(
                    "SELECT ciphertext FROM secrets WHERE name = 'portier:signing-key:issuing'").mapTo(String.class).one());

            assertThatThrownBy(() -> crypto.secrets("conn-1").get("portier:signing-key:issuing"))
                    .hasMessageContaining("reserved for Portier");
            assertThat(signer.toString()).isEqualTo("HostSigner[connection=conn-1, loaded keys=[issuing]]")
                    .doesNotContain(stored);
        }
    }

    @Test
    void badKeyNamesAreRefused() {
        try (TestServices services = new TestServices(dir, Clock.systemUTC())) {
            HostSigner signer = services.get(ConnectionCrypto.class).signer("conn-1");
            assertThatThrownBy(() -> signer.publicKey("issuing key"))
                    .hasMessage("A signing key name has 1 to 60 letters, digits, '.', '_' or '-', was 'issuing key'");
            assertThatThrownBy(() -> signer.sign("", MESSAGE)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> signer.sign("issuing", null)).hasMessage("Nothing to sign");
        }
    }
}
