package dev.portier.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.platform.config.PortierConfig;
import dev.portier.testing.TestServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite database and its write-ahead log and shared memory are the owner's alone (0600), even
 * under the common umask 022 that left {@code portier.db} readable by every local user (0644); so is
 * the master key file, and files an earlier version left open are tightened at start.
 */
class OwnerOnlyFilesTest {

    @TempDir
    Path dir;

    /** SQLite in both runs of the suite: the files are SQLite's (a URL other than the data directory's default). */
    private PortierConfig sqlite() {
        return PortierConfig.forDataDir(dir).withDatabase("jdbc:sqlite:" + dir.resolve("portier.db"), Optional.empty());
    }

    @Test
    void aNewDatabaseItsWalShmAndTheMasterKeyAreOwnerOnly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(dev.portier.testing.TestDatabase.postgres(),
                "SQLite's own files; the PostgreSQL run has no database file in the data directory");
        try (TestServices services = new TestServices(sqlite(), Clock.systemUTC())) {
            services.setUpOwner(); // writes: the -wal and -shm files exist now
            for (String name : new String[] {"portier.db", "portier.db-wal", "portier.db-shm", "master.key"}) {
                assertThat(dir.resolve(name)).as(name).exists();
                assertThat(mode(dir.resolve(name))).as(name).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void filesLeftReadableByAnEarlierVersionAreTightenedAtStart() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(dev.portier.testing.TestDatabase.postgres(),
                "SQLite's own files; the PostgreSQL run has no database file in the data directory");
        try (TestServices services = new TestServices(sqlite(), Clock.systemUTC())) {
            services.setUpOwner();
        }
        Files.setPosixFilePermissions(dir.resolve("portier.db"), PosixFilePermissions.fromString("rw-r--r--"));
        if (Files.notExists(dir.resolve("portier.db-wal"))) {
            Files.createFile(dir.resolve("portier.db-wal")); // an empty log is a valid one
        }
        Files.setPosixFilePermissions(dir.resolve("portier.db-wal"), PosixFilePermissions.fromString("rw-rw-rw-"));
        try (TestServices services = new TestServices(sqlite(), Clock.systemUTC())) {
            assertThat(services.get(Database.class).problem()).isNull();
            assertThat(mode(dir.resolve("portier.db"))).isEqualTo("rw-------");
            assertThat(mode(dir.resolve("portier.db-wal"))).isEqualTo("rw-------");
        }
    }

    @Test
    void aBackupFileIsCreatedOwnerOnlyOrTightened() throws IOException {
        OwnerOnlyFiles.create(dir.resolve("backup.db"));
        assertThat(mode(dir.resolve("backup.db"))).isEqualTo("rw-------");
        Files.writeString(dir.resolve("old-backup.db"), "x");
        Files.setPosixFilePermissions(dir.resolve("old-backup.db"), PosixFilePermissions.fromString("rw-r--r--"));
        OwnerOnlyFiles.create(dir.resolve("old-backup.db"));
        assertThat(mode(dir.resolve("old-backup.db"))).isEqualTo("rw-------");
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
