package dev.portier.identity.users;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesAreArgon2idWithOwaspParametersAndVerify() {
        String hash = hasher.hash("correct horse battery");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.verify("correct horse battery", hash)).isTrue();
        assertThat(hasher.verify("correct horse batterY", hash)).isFalse();
        assertThat(hasher.hash("correct horse battery")).as("salted").isNotEqualTo(hash);
    }

    @Test
    void weakerStoredParametersAskForARehash() {
        PasswordHasher weak = new PasswordHasher(new PasswordHasher.Parameters(8 * 1024, 1, 1));
        String old = weak.hash("correct horse battery");
        assertThat(hasher.verify("correct horse battery", old)).as("old parameters still verify").isTrue();
        assertThat(hasher.needsRehash(old)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("x"))).isFalse();
    }

    @Test
    void malformedHashesNeverMatch() {
        assertThat(hasher.verify("x", null)).isFalse();
        assertThat(hasher.verify("x", "plain")).isFalse();
        assertThat(hasher.verify("x", "$argon2id$v=19$m=-1,t=2,p=1$AAAA$AAAA")).isFalse();
        assertThat(hasher.verify("x", "$argon2i$v=19$m=19456,t=2,p=1$AAAA$AAAA")).isFalse();
    }
}
