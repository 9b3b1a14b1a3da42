package dev.portier.plugins.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.plugins.reference.internal.SealedKeys;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Keys sealed with BouncyCastle's HPKE exactly as the host seals them open on the phone, and only there. */
class SealedKeysTest {

    private final byte[] phoneKey = SealedKeys.newPrivateKey();
    private final byte[] credential = "a COSE_Sign1 credential".getBytes(StandardCharsets.UTF_8);

    @Test
    void a_key_sealed_to_the_phone_opens_with_its_key_id_as_aad() {
        byte[] sealed = MobileApiFake.seal(SealedKeys.publicKey(phoneKey), "key-1", credential);

        assertThat(sealed.length).isEqualTo(SealedKeys.ENC_LENGTH + credential.length + 16);
        assertThat(SealedKeys.open(phoneKey, "key-1", sealed)).isEqualTo(credential);
    }

    @Test
    void another_phone_another_key_id_or_a_flipped_bit_does_not_open() {
        byte[] sealed = MobileApiFake.seal(SealedKeys.publicKey(phoneKey), "key-1", credential);

        assertThatThrownBy(() -> SealedKeys.open(SealedKeys.newPrivateKey(), "key-1", sealed))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not open");
        assertThatThrownBy(() -> SealedKeys.open(phoneKey, "key-2", sealed)).isInstanceOf(IllegalArgumentException.class);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> SealedKeys.open(phoneKey, "key-1", sealed)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SealedKeys.open(phoneKey, "key-1", new byte[10])).hasMessageContaining("too short");
    }
}
