package dev.portier.web.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.identity.users.SetupService;
import dev.portier.platform.db.Database;
import dev.portier.testing.RunningServer;
import dev.portier.testing.TestServices;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerIT {

    @TempDir
    Path dir;

    @Test
    void healthIsUpWhileTheDatabaseAnswers() throws Exception {
        try (RunningServer server = RunningServer.fresh(dir)) {
            HttpResponse<String> health = server.get("/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(health.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));

            server.get(Database.class).stop();
            HttpResponse<String> down = server.get("/health");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"status\":\"DOWN\"").contains("\"reason\":\"database is not running\"");
        }
    }

    @Test
    void theDatabaseIsASqliteFileInWalModeUnderTheDataDir() throws Exception {
        try (RunningServer server = RunningServer.fresh(dir)) {
            if (dev.portier.testing.TestDatabase.postgres()) {
                // PostgreSQL instead: nothing in the data directory, and transactions as strict as SQLite's one writer.
                assertThat(dir.resolve("portier.db")).doesNotExist();
                var jdbi = server.get(Database.class).jdbi();
                String inTransaction = jdbi.inTransaction(h -> h.createQuery("SHOW transaction_isolation").mapTo(String.class).one());
                String alone = jdbi.withHandle(h -> h.createQuery("SHOW transaction_isolation").mapTo(String.class).one());
                assertThat(inTransaction).isEqualTo("serializable");
                assertThat(alone).isEqualTo("read committed");
                return;
            }
            assertThat(dir.resolve("portier.db")).exists();
            String mode = server.get(Database.class).jdbi()
                    .withHandle(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
            int foreignKeys = server.get(Database.class).jdbi()
                    .withHandle(h -> h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one());
            assertThat(mode).isEqualToIgnoringCase("wal");
            assertThat(foreignKeys).isEqualTo(1);
        }
    }

    @Test
    void setupPageIsGoneOnceSetUpAndUnknownPagesAre404() throws Exception {
        try (RunningServer server = RunningServer.fresh(dir)) {
            assertThat(server.get("/setup").statusCode()).isEqualTo(200);
            assertThat(server.get("/no-such-page").statusCode()).isEqualTo(404);

            server.get(SetupService.class).setUp(new SetupService.FirstOwner("Acme", "UTC", "Olivia",
                    "owner@example.com", TestServices.PASSWORD));

            assertThat(server.get("/setup").statusCode()).isEqualTo(404);
            assertThat(server.get("/login").statusCode()).isEqualTo(200);
            assertThat(server.get("/").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void dataSurvivesARestart() throws Exception {
        try (RunningServer server = RunningServer.withAdmin(dir)) {
            assertThat(server.get(SetupService.class).isSetUp()).isTrue();
        }
        try (RunningServer again = RunningServer.fresh(dir)) {
            assertThat(again.get(SetupService.class).isSetUp()).isTrue();
            assertThat(again.get("/setup").statusCode()).isEqualTo(404);
        }
    }
}
