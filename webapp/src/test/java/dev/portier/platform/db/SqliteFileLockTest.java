package dev.portier.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.platform.config.PortierConfig;
import dev.portier.testing.TestServices;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On SQLite one Portier runs per database: a second one refuses to start, and a killed one leaves no stale lock. */
class SqliteFileLockTest {

    @TempDir
    Path dir;

    /** SQLite in both runs of the suite: the lock is SQLite's (a URL other than the data directory's default). */
    private PortierConfig sqlite() {
        return PortierConfig.forDataDir(dir).withDatabase("jdbc:sqlite:" + dir.resolve("locked.db"), Optional.empty());
    }

    @Test
    void aSecondServerOnTheSameDatabaseRefusesToStartAndTheFirstKeepsWorking() throws Exception {
        try (TestServices first = new TestServices(sqlite(), Clock.systemUTC())) {
            assertThatThrownBy(() -> new TestServices(sqlite(), Clock.systemUTC()))
                    .hasMessageContaining("Another Portier (process " + ProcessHandle.current().pid() + ") is already running")
                    .hasMessageContaining(dir.resolve("locked.db").toString())
                    .hasMessageContaining("PostgreSQL");
            assertThat(first.get(Database.class).problem()).isNull();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("locked.db.lock"))))
                    .isEqualTo("rw-------");
        }
        try (TestServices again = new TestServices(sqlite(), Clock.systemUTC())) {
            assertThat(again.get(Database.class).problem()).isNull();
        }
    }

    @Test
    void anotherProcessHoldingTheDatabaseIsNamedAndItsLockGoesWithItWhenKilled() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process holder = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                SqliteFileLockHolder.class.getName(), dir.resolve("locked.db").toString())).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream()));
            assertThat(out.readLine()).isEqualTo("held");

            assertThatThrownBy(() -> new TestServices(sqlite(), Clock.systemUTC()))
                    .hasMessageContaining("Another Portier (process " + holder.pid() + ") is already running");

            holder.destroyForcibly(); // SIGKILL: no chance to clean up
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            try (TestServices after = new TestServices(sqlite(), Clock.systemUTC())) {
                assertThat(after.get(Database.class).problem()).isNull();
            }
        } finally {
            holder.destroyForcibly();
        }
    }
}
