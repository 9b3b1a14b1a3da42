package dev.portier.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.portier.platform.config.ConfigLoader;
import dev.portier.platform.config.PortierConfig;
import dev.portier.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class MasterKeyTest {

    @TempDir
    Path dir;

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static MasterKey started(PortierConfig config) throws Exception {
        MasterKey key = new MasterKey(config);
        key.start();
        return key;
    }

    @Test
    void firstStartCreatesAnOwnerOnlyKeyFileThatLaterStartsRead() throws Exception {
        Path dataDir = dir.resolve("data");
        MasterKey first = started(PortierConfig.forDataDir(dataDir));

        Path file = dataDir.resolve("master.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        byte[] stored = Base64.getDecoder().decode(Files.readString(file).trim());
        assertThat(stored).hasSize(32);
        assertThat(first.id()).isEqualTo(HexFormat.of().formatHex(MasterKey.fingerprint(stored)));

        MasterKey second = started(PortierConfig.forDataDir(dataDir));
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.secretKey().getEncoded()).isEqualTo(stored);
    }

    @Test
    void aKeyFileOthersCanReadStopsTheStartAndIsLeftAlone() throws Exception {
        started(PortierConfig.forDataDir(dir));
        Path file = dir.resolve("master.key");
        String before = Files.readString(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> started(PortierConfig.forDataDir(dir)))
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("accessible by group or others (rw-r-----)")
                .hasMessageContaining("chmod 600");
        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    }

    @Test
    void theServerDoesNotStartWithAnExposedKeyAndTouchesNoDatabase() throws Exception {
        started(PortierConfig.forDataDir(dir));
        Files.setPosixFilePermissions(dir.resolve("master.key"), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> new TestServices(dir, Clock.systemUTC()))
                .hasMessageStartingWith("Could not start MasterKey: The master key file")
                .hasMessageContaining("chmod 600");
        assertThat(dir.resolve("portier.db")).doesNotExist();
    }

    @Test
    void theEnvironmentKeyIsUsedAndNoFileIsWritten() throws Exception {
        String base64 = randomKey();
        PortierConfig config = ConfigLoader.fromEnvironment(Map.of("PORTIER_DATA_DIR", dir.toString(),
                "PORTIER_MASTER_KEY", base64));

        MasterKey key = started(config);

        assertThat(key.secretKey().getEncoded()).isEqualTo(Base64.getDecoder().decode(base64));
        assertThat(dir.resolve("master.key")).doesNotExist();
        assertThat(config.toString()).doesNotContain(base64);
    }

    @Test
    void aMalformedEnvironmentKeyIsRefusedWithoutEchoingIt() {
        String tooShort = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> ConfigLoader.fromEnvironment(Map.of("PORTIER_MASTER_KEY", tooShort)))
                .hasMessageContaining("PORTIER_MASTER_KEY must be the base64 of 32 random bytes, but it decodes to 16 bytes")
                .hasMessageNotContaining(tooShort);
        assertThatThrownBy(() -> ConfigLoader.fromEnvironment(Map.of("PORTIER_MASTER_KEY", "not base64 at all!")))
                .hasMessageContaining("PORTIER_MASTER_KEY must be the base64 of 32 random bytes, but it is not valid base64")
                .hasMessageNotContaining("not base64 at all!");
        assertThatThrownBy(() -> started(PortierConfig.forDataDir(dir).withMasterKey(tooShort)))
                .hasMessageContaining("PORTIER_MASTER_KEY must be the base64 of 32 bytes, but decodes to 16");
        assertThat(dir.resolve("master.key")).doesNotExist();
    }

    @Test
    void neitherLogsNorDescriptionsShowTheKey() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(MasterKey.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Level level = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        try {
            MasterKey key = started(PortierConfig.forDataDir(dir));
            String base64 = Files.readString(dir.resolve("master.key")).trim();
            String hex = HexFormat.of().formatHex(key.secretKey().getEncoded());

            assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(m -> assertThat(m).contains("Master key " + key.id() + " loaded from the file"))
                    .allSatisfy(m -> assertThat(m).doesNotContain(base64).doesNotContainIgnoringCase(hex));
            assertThat(key.toString()).contains(key.id()).doesNotContain(base64).doesNotContainIgnoringCase(hex);
        } finally {
            logger.setLevel(level);
            logger.setAdditive(true);
            logger.detachAppender(appender);
        }
    }
}
