package dev.portier.domain.grants;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portier.domain.grants.CalendarCases.Case;
import dev.portier.domain.grants.CalendarCases.Occurrence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The grant calendar read by a parser written by someone else: Mozilla's ical.js under Node.js, with
 * time zones only from the file's VTIMEZONE. Its expansion must give exactly the instants the access
 * decision opens, over a year with both DST changes in Europe/Oslo and America/New_York.
 *
 * <p>ical.js comes from the npm registry (or npm's cache) through the lock file in
 * {@code src/test/ical-js}, installed with {@code npm ci} into {@code target/ical-js} once.
 */
class GrantCalendarIcalJsTest {

    private static final Path SOURCE = Path.of("src", "test", "ical-js");
    private static final Path INSTALLED = Path.of("target", "ical-js");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path files;

    @BeforeAll
    static void installIcalJs() throws Exception {
        Files.createDirectories(INSTALLED);
        for (String name : List.of("package.json", "package-lock.json", "expand.mjs")) {
            Files.copy(SOURCE.resolve(name), INSTALLED.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.exists(INSTALLED.resolve("node_modules/ical.js/package.json"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"), INSTALLED, 300);
        }
        JsonNode installed = JSON.readTree(INSTALLED.resolve("node_modules/ical.js/package.json").toFile());
        assertThat(installed.get("version").asText()).isEqualTo("2.2.1");
    }

    static Stream<Case> cases() {
        return CalendarCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void icalJsExpandsToExactlyTheInstantsTheAccessDecisionOpens(Case c) throws Exception {
        Path file = files.resolve(c.grant().id() + ".ics");
        Files.writeString(file, c.write(), StandardCharsets.UTF_8);
        String out = run(List.of("node", INSTALLED.resolve("expand.mjs").toAbsolutePath().toString(), file.toString(),
                Long.toString(c.checkUntil().getEpochSecond())), INSTALLED, 60);
        JsonNode answer = JSON.readTree(out);
        assertThat(answer.get("problems")).as("what ical.js could not resolve").isEmpty();
        List<Occurrence> occurrences = new ArrayList<>();
        for (JsonNode pair : answer.get("occurrences")) {
            occurrences.add(new Occurrence(java.time.Instant.ofEpochSecond(pair.get(0).asLong()),
                    java.time.Instant.ofEpochSecond(pair.get(1).asLong())));
        }
        assertThat(occurrences).isNotEmpty();
        CalendarCases.assertSameInstants(c, occurrences, c.checkFrom(), c.checkUntil());
    }

    /** Runs a command, failing the test with its output when it fails; answers its standard output. */
    private static String run(List<String> command, Path directory, int seconds) throws IOException, InterruptedException {
        Path err = Files.createTempFile("ical-js", ".err");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + seconds + " s");
        }
        String errors = Files.readString(err);
        Files.delete(err);
        assertThat(process.exitValue()).as("%s failed: %s", String.join(" ", command), errors).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
