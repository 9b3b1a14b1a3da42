package dev.portier.plugins.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.ConfigValidation;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.FieldProblem;
import dev.portier.plugin.conformance.TestDriverContext;
import dev.portier.plugins.example.simulator.DoorControllerSimulator;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** validate() before a connection is saved: the URL must answer like a controller, and accept the key. */
class ConnectionValidationTest {

    private final DoorControllerSimulator simulator = DoorControllerSimulator.start("right-key");
    private final TestDriverContext context = TestDriverContext.of(Map.of());

    @AfterEach
    void stop() {
        context.close();
        simulator.close();
    }

    @Test
    void working_settings_are_valid_with_a_note_on_the_controller() {
        simulator.addDoor("front");
        ConfigValidation validation = validate(Map.of("baseUrl", simulator.url(), "apiKey", "right-key"));

        assertThat(validation.isValid()).isTrue();
        assertThat(validation.notes()).containsExactly("The controller (firmware 3.1.0) has 1 doors.");
    }

    @Test
    void a_refused_key_is_a_problem_of_the_api_key() {
        assertThat(validate(Map.of("baseUrl", simulator.url(), "apiKey", "wrong-key")).problems())
                .extracting(FieldProblem::key).containsExactly("apiKey");
    }

    @Test
    void an_unreachable_url_or_one_that_is_no_controller_is_a_problem_of_the_url() throws IOException {
        assertThat(validate(Map.of("baseUrl", "http://127.0.0.1:" + HttpDoorControllerDriverTest.closedPort(), "apiKey", "k"))
                .problems()).singleElement().satisfies(problem -> {
                    assertThat(problem.key()).isEqualTo("baseUrl");
                    assertThat(problem.message()).contains("could not be reached");
                });
        assertThat(validate(Map.of("baseUrl", simulator.url() + "/not-here", "apiKey", "right-key")).problems())
                .extracting(FieldProblem::key).containsExactly("baseUrl");
    }

    @Test
    void settings_that_cannot_work_are_found_without_asking_anyone() {
        assertThat(validate(Map.of("baseUrl", "ftp://doors.example.com", "apiKey", "k")).problems())
                .extracting(FieldProblem::key).containsExactly("baseUrl");
        assertThat(validate(Map.of("baseUrl", simulator.url(), "apiKey", "k", "pollInterval", "0")).problems())
                .extracting(FieldProblem::key).containsExactly("pollInterval");
        assertThat(context.http().sent()).isEmpty();
    }

    private ConfigValidation validate(Map<String, String> settings) {
        return new HttpDoorControllerFactory().validate(new DriverConfiguration(settings), context);
    }
}
