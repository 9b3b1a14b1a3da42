package dev.portier.platform.crypto;

import dev.portier.drivers.connections.ConnectionCrypto;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.platform.http.GuardedHttp;
import dev.portier.plugin.api.OutboundHttp;
import dev.portier.testing.TestDatabase;
import dev.portier.web.server.PortierServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyServerIT {

    @TempDir
    Path dir;

    @Test
    void theServerCreatesItsKeyFileAndWillNotStartOnceOthersCanReadIt() throws Exception {
        byte[] publicKey;
        try (PortierServer server = PortierServer.start(TestDatabase.config(dir))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("master.key"))))
                    .isEqualTo("rw-------");
            assertThat(server.injector().getInstance(OutboundHttp.class)).isInstanceOf(GuardedHttp.class);
            publicKey = server.injector().getInstance(ConnectionCrypto.class).signer("conn-1").publicKey("issuing");
        }
        try (PortierServer server = PortierServer.start(TestDatabase.config(dir))) {
            assertThat(server.injector().getInstance(ConnectionCrypto.class).signer("conn-1").publicKey("issuing"))
                    .isEqualTo(publicKey);
        }

        Files.setPosixFilePermissions(dir.resolve("master.key"), PosixFilePermissions.fromString("rw-rw-r--"));
        assertThatThrownBy(() -> PortierServer.start(TestDatabase.config(dir)))
                .hasMessageContaining("Could not start MasterKey")
                .hasMessageContaining("is accessible by group or others (rw-rw-r--)");
    }
}
