package dev.portier.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.testing.TestDatabase;
import dev.portier.testing.TestServices;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each run of the suite is on the database it says it is on, with the same migration history. */
class DatabaseDialectTest {

    @TempDir
    Path dir;

    @Test
    void theSuiteRunsOnTheDatabaseItWasAskedFor() throws Exception {
        try (TestServices services = new TestServices(dir, Clock.systemUTC())) {
            Database database = services.get(Database.class);
            assertThat(database.dialect()).isEqualTo(TestDatabase.postgres() ? Dialect.POSTGRESQL : Dialect.SQLITE);
            String product = database.jdbi().withHandle(h -> h.getConnection().getMetaData().getDatabaseProductName());
            assertThat(product).isEqualTo(TestDatabase.postgres() ? "PostgreSQL" : "SQLite");
        }
    }

    @Test
    void bothDatabasesHaveOneMigrationHistory() {
        try (TestServices services = new TestServices(dir, Clock.systemUTC())) {
            List<String> versions = services.get(Database.class).jdbi().withHandle(h -> h.createQuery(
                    "SELECT version FROM flyway_schema_history WHERE success = TRUE AND version IS NOT NULL ORDER BY installed_rank")
                    .mapTo(String.class).list());
            assertThat(versions).startsWith("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "13");
        }
    }
}
