package dev.portier.web.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portier.testing.RunningServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Portier's own logback.xml with {@code PORTIER_LOG_FORMAT=json}: every line on the console is one JSON
 * object, and a request's lines carry its request id, the one returned as {@code X-Request-Id}.
 */
class JsonLogsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private PrintStream realOut;

    @BeforeEach
    void logJsonToACapturedConsole() throws Exception {
        realOut = System.out;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        configure("json");
        // The access line is DEBUG (INFO for server errors); switched on here to have a line inside each request.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.portier.web.access")).setLevel(Level.DEBUG);
    }

    @AfterEach
    void restore() throws Exception {
        System.setOut(realOut);
        configure(null);
    }

    @Test
    void eachLineIsJsonAndARequestsLinesCarryItsRequestId() throws Exception {
        String requestId;
        try (RunningServer server = RunningServer.withAdmin(dir)) {
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url("/health")))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            requestId = health.headers().firstValue("X-Request-Id").orElseThrow();
        }
        System.out.flush();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : console.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        assertThat(lines).as("start-up logs something").isNotEmpty();
        assertThat(lines).allSatisfy(line -> assertThat(line.isObject()).isTrue());
        assertThat(lines).anySatisfy(line -> assertThat(line.path("formattedMessage").asText()).contains("Portier is listening on http://localhost:"));
        JsonNode access = lines.stream().filter(line -> line.path("formattedMessage").asText().startsWith("GET /health 200 ")).findFirst()
                .orElseThrow(() -> new AssertionError("no access line for GET /health in " + lines));
        assertThat(access.path("level").asText()).isEqualTo("DEBUG");
        assertThat(access.path("loggerName").asText()).isEqualTo("dev.portier.web.access");
        assertThat(access.path("mdc").path("requestId").asText()).isEqualTo(requestId);
    }

    /** Re-reads logback.xml with {@code PORTIER_LOG_FORMAT} as given (null: as the environment has it). */
    private static void configure(String format) throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        if (format != null) {
            context.putProperty("PORTIER_LOG_FORMAT", format);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(JsonLogsIT.class.getResource("/logback.xml"));
    }
}
