package dev.portier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The suite runs twice, on SQLite and on PostgreSQL ({@code -Dportier.test.db=postgres}); a test that
 * starts Portier's database on a configuration of its own, not through {@code TestDatabase} (or
 * {@code TestServices} and {@code RunningServer}, which use it), would run on SQLite both times.
 */
class TestsRunOnBothDatabasesTest {

    private static final List<String> STARTS_A_DATABASE = List.of("PortierServer.start(", "new DatabaseModule()");

    @Test
    void everyTestThatStartsTheDatabaseGetsItsConfigurationFromTestDatabase() throws IOException {
        Path root = Path.of("src/test/java");
        try (Stream<Path> files = Files.walk(root)) {
            List<String> offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> {
                        String source = read(f);
                        return STARTS_A_DATABASE.stream().anyMatch(source::contains) && !source.contains("TestDatabase.");
                    })
                    .map(f -> root.relativize(f).toString())
                    .sorted()
                    .toList();
            assertThat(offenders)
                    .as("these start the database without TestDatabase.config(dir) / TestDatabase.adapt(config)")
                    .isEmpty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
