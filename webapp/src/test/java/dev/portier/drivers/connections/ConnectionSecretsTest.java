package dev.portier.drivers.connections;

import dev.portier.platform.crypto.SecretBox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.platform.db.Database;
import dev.portier.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionSecretsTest {

    private static final byte[] TOKEN = "vendor-session-token-4711".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private TestServices services;
    private ConnectionSecrets secrets;

    @BeforeEach
    void start() {
        services = new TestServices(dir, Clock.systemUTC());
        secrets = services.get(ConnectionCrypto.class).secrets("conn-1");
    }

    @AfterEach
    void stop() {
        services.close();
    }

    private String storedText(String connectionId, String name) {
        return services.get(Database.class).jdbi().withHandle(h -> h.createQuery(
                        "SELECT ciphertext FROM secrets WHERE connection_id = :c AND name = :n")
                .bind("c", connectionId).bind("n", name).mapTo(String.class).one());
    }

    @Test
    void aSecretIsKeptEncryptedAndReadBack() {
        assertThat(secrets.get("token")).isEmpty();

        secrets.put("token", TOKEN);

        assertThat(secrets.get("token")).hasValue(TOKEN);
        String stored = storedText("conn-1", "token");
        assertThat(stored).doesNotContain("vendor-session-token");
        assertThat(new String(Base64.getDecoder().decode(stored), StandardCharsets.ISO_8859_1)).doesNotContain("vendor-session");
    }

    @Test
    void putReplacesAndDeleteRemoves() {
        secrets.put("token", TOKEN);
        secrets.put("token", "newer".getBytes(StandardCharsets.UTF_8));
        assertThat(secrets.get("token")).hasValue("newer".getBytes(StandardCharsets.UTF_8));

        secrets.delete("token");
        assertThat(secrets.get("token")).isEmpty();
        secrets.delete("token");
    }

    @Test
    void connectionsDoNotSeeEachOthersSecrets() {
        secrets.put("token", TOKEN);
        ConnectionSecrets other = services.get(ConnectionCrypto.class).secrets("conn-2");
        assertThat(other.get("token")).isEmpty();
    }

    @Test
    void aRowMovedToAnotherConnectionOrNameDoesNotOpen() {
        secrets.put("token", TOKEN);
        services.get(Database.class).jdbi().useHandle(h -> h.execute(
                "INSERT INTO secrets (connection_id, name, ciphertext, updated_at) "
                        + "SELECT 'conn-2', name, ciphertext, updated_at FROM secrets WHERE connection_id = 'conn-1'"));
        services.get(Database.class).jdbi().useHandle(h -> h.execute(
                "INSERT INTO secrets (connection_id, name, ciphertext, updated_at) "
                        + "SELECT connection_id, 'password', ciphertext, updated_at FROM secrets WHERE connection_id = 'conn-1'"));

        assertThatThrownBy(() -> services.get(ConnectionCrypto.class).secrets("conn-2").get("token"))
                .isInstanceOf(SecretBox.UnreadableSecretException.class)
                .hasMessageContaining("connection:conn-2:secret:token");
        assertThatThrownBy(() -> secrets.get("password")).isInstanceOf(SecretBox.UnreadableSecretException.class);
    }

    @Test
    void badNamesAndValuesAreRefusedAndNothingIsWritten() {
        assertThatThrownBy(() -> secrets.put(" ", TOKEN)).hasMessage("A secret needs a name");
        assertThatThrownBy(() -> secrets.put("x".repeat(101), TOKEN)).hasMessage("Secret names have at most 100 characters");
        assertThatThrownBy(() -> secrets.put("a\nb", TOKEN)).hasMessage("Secret names cannot contain control characters");
        assertThatThrownBy(() -> secrets.put("token", null)).hasMessageContaining("use delete to remove it");
        assertThatThrownBy(() -> secrets.put("big", new byte[64 * 1024 + 1]))
                .hasMessage("Secret 'big' has 65537 bytes; at most 65536 are kept");
        assertThatThrownBy(() -> secrets.put("portier:signing-key:issuing", TOKEN))
                .hasMessage("Secret names starting with 'portier:' are reserved for Portier");
        assertThatThrownBy(() -> secrets.get("portier:signing-key:issuing"))
                .hasMessage("Secret names starting with 'portier:' are reserved for Portier");
        int rows = services.get(Database.class).jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM secrets")
                .mapTo(Integer.class).one());
        assertThat(rows).isZero();
    }

    @Test
    void theDescriptionNamesTheConnectionOnly() {
        secrets.put("token", TOKEN);
        assertThat(secrets.toString()).isEqualTo("ConnectionSecrets[connection=conn-1]");
    }
}
