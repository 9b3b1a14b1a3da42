package dev.portier.plugins.geotab;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.portier.plugin.api.ConfigValidation;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.FieldProblem;
import dev.portier.plugin.conformance.TestDriverContext;
import dev.portier.plugins.geotab.simulator.KeylessSimulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** validate(): before a connection is saved, the Keyless Service URL and API key are tried against the service. */
class ConnectionValidationTest {

    private final KeylessSimulator simulator = KeylessSimulator.start("right-key", "fleet", Clock.systemUTC());
    private final GeotabFactory factory = new GeotabFactory();

    @AfterEach
    void close() {
        simulator.close();
    }

    @Test
    void working_production_settings_are_valid_and_say_where_notifications_go() {
        ConfigValidation validation = validate(production(simulator.url(), "right-key"));

        assertThat(validation.isValid()).isTrue();
        assertThat(validation.notes()).anySatisfy(note -> assertThat(note)
                .contains("https://portier.example.com/api/plugins/geotab/connections/{connectionId}/notifications"));
    }

    @Test
    void a_refused_api_key_is_a_problem_of_the_api_key_field() {
        ConfigValidation validation = validate(production(simulator.url(), "wrong-key"));

        assertThat(validation.problems()).singleElement().extracting(FieldProblem::key).isEqualTo("apiKey");
        assertThat(validation.problems().getFirst().message()).contains("HTTP 401").doesNotContain("wrong-key");
    }

    @Test
    void a_url_where_nothing_answers_is_a_problem_of_the_url_field() {
        Map<String, String> values = production(simulator.url(), "right-key");
        ConfigValidation validation;
        try (TestDriverContext context = TestDriverContext.of(values)) {
            context.http().unreachable();
            validation = factory.validate(new DriverConfiguration(values), context);
        }

        assertThat(validation.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("baseUrl");
            assertThat(problem.message()).contains("could not be reached");
        });
    }

    @Test
    void a_url_that_is_not_the_keyless_service_is_a_problem_of_the_url_field() throws IOException {
        HttpServer website = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        website.createContext("/", exchange -> {
            byte[] page = "<html>Not found</html>".getBytes();
            exchange.sendResponseHeaders(404, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        website.start();
        try {
            ConfigValidation validation = validate(production("http://127.0.0.1:" + website.getAddress().getPort(), "k"));

            assertThat(validation.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.key()).isEqualTo("baseUrl");
                assertThat(problem.message()).contains("does not answer like the Keyless Service (HTTP 404)");
            });
        } finally {
            website.stop(0);
        }
    }

    @Test
    void settings_that_cannot_work_name_their_field_without_calling_anyone() {
        Map<String, String> withoutPublicUrl = new HashMap<>(production(simulator.url(), "right-key"));
        withoutPublicUrl.remove("publicBaseUrl");
        Map<String, String> badDatabase = new HashMap<>(production(simulator.url(), "right-key"));
        badDatabase.put("database", "not a database");

        assertThat(validate(withoutPublicUrl).problems()).extracting(FieldProblem::key).containsExactly("publicBaseUrl");
        assertThat(validate(badDatabase).problems()).extracting(FieldProblem::key).containsExactly("database");
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void a_sandbox_needs_no_service() {
        ConfigValidation validation = validate(Map.of("mode", "sandbox", "database", "fleet"));

        assertThat(validation.isValid()).isTrue();
        assertThat(simulator.requests()).isEmpty();
    }

    private ConfigValidation validate(Map<String, String> values) {
        try (TestDriverContext context = TestDriverContext.of(values)) {
            return factory.validate(new DriverConfiguration(values), context);
        }
    }

    private static Map<String, String> production(String baseUrl, String apiKey) {
        return Map.of("mode", "production", "database", "fleet", "baseUrl", baseUrl, "apiKey", apiKey,
                "publicBaseUrl", "https://portier.example.com/");
    }
}
