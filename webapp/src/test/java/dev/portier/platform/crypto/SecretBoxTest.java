package dev.portier.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.platform.config.PortierConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    private static final String PURPOSE = "connection:c1:secret:token";
    private static final byte[] TOKEN = "vendor-session-token-4711".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private static SecretBox box(String base64Key, Path dir) throws Exception {
        MasterKey key = new MasterKey(PortierConfig.forDataDir(dir).withMasterKey(base64Key));
        key.start();
        return new SecretBox(key);
    }

    @Test
    void aSealedValueOpensForItsPurposeAndHidesThePlaintext() throws Exception {
        SecretBox box = box(MasterKeyTest.randomKey(), dir);

        byte[] sealed = box.seal(TOKEN, PURPOSE);

        assertThat(box.open(sealed, PURPOSE)).isEqualTo(TOKEN);
        assertThat(sealed).hasSize(1 + 4 + 12 + TOKEN.length + 16);
        assertThat(sealed[0]).isEqualTo(SecretBox.VERSION);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("vendor-session-token");
        assertThat(box.open(box.seal(new byte[0], PURPOSE), PURPOSE)).isEmpty();
    }

    @Test
    void everySealUsesAFreshNonce() throws Exception {
        SecretBox box = box(MasterKeyTest.randomKey(), dir);
        assertThat(box.seal(TOKEN, PURPOSE)).isNotEqualTo(box.seal(TOKEN, PURPOSE));
    }

    @Test
    void anyAlteredByteIsDetected() throws Exception {
        SecretBox box = box(MasterKeyTest.randomKey(), dir);
        byte[] sealed = box.seal(TOKEN, PURPOSE);
        // Nonce, ciphertext and tag: each flipped bit makes the value unreadable.
        for (int i = 5; i < sealed.length; i++) {
            byte[] altered = sealed.clone();
            altered[i] ^= 0x01;
            assertThatThrownBy(() -> box.open(altered, PURPOSE))
                    .isInstanceOf(SecretBox.UnreadableSecretException.class)
                    .hasMessage("The value for " + PURPOSE + " does not decrypt: it was altered, or it was sealed for another purpose");
        }
        byte[] truncated = java.util.Arrays.copyOf(sealed, 20);
        assertThatThrownBy(() -> box.open(truncated, PURPOSE)).isInstanceOf(SecretBox.UnreadableSecretException.class)
                .hasMessageContaining("not a sealed secret");
        byte[] futureFormat = sealed.clone();
        futureFormat[0] = 9;
        assertThatThrownBy(() -> box.open(futureFormat, PURPOSE)).hasMessageContaining("(format 9)");
    }

    @Test
    void aValueDoesNotOpenForAnotherPurpose() throws Exception {
        SecretBox box = box(MasterKeyTest.randomKey(), dir);
        byte[] sealed = box.seal(TOKEN, PURPOSE);

        assertThatThrownBy(() -> box.open(sealed, "connection:c2:secret:token"))
                .isInstanceOf(SecretBox.UnreadableSecretException.class)
                .hasMessageContaining("sealed for another purpose");
        assertThatThrownBy(() -> box.open(sealed, "connection:c1:secret:password"))
                .isInstanceOf(SecretBox.UnreadableSecretException.class);
    }

    @Test
    void aValueFromAnotherMasterKeyNamesBothKeys() throws Exception {
        SecretBox before = box(MasterKeyTest.randomKey(), dir);
        SecretBox after = box(MasterKeyTest.randomKey(), dir);
        byte[] sealed = before.seal(TOKEN, PURPOSE);

        assertThatThrownBy(() -> after.open(sealed, PURPOSE))
                .isInstanceOf(SecretBox.UnreadableSecretException.class)
                .hasMessageMatching("The value for .* was sealed with master key [0-9a-f]{8}, but the current master key is "
                        + "[0-9a-f]{8}: has PORTIER_MASTER_KEY or the master.key file changed\\?");
    }

    @Test
    void theSameKeyOpensValuesSealedBeforeARestart() throws Exception {
        String key = MasterKeyTest.randomKey();
        byte[] sealed = box(key, dir).seal(TOKEN, PURPOSE);
        assertThat(box(key, dir).open(sealed, PURPOSE)).isEqualTo(TOKEN);
    }
}
