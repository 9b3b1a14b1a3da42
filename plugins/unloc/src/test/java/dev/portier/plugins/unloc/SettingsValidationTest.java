package dev.portier.plugins.unloc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.ConfigValidation;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.FieldProblem;
import dev.portier.plugin.conformance.TestDriverContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code validate()} names the field that is wrong, before the connection is saved. */
class SettingsValidationTest {

    private static final Map<String, String> WORKING =
            Map.of("apiHeader", "X-Api-Key", "apiKey", "a-good-key-0123456789", "mode", "sandbox");

    private final UnlocDriverFactory factory = new UnlocDriverFactory();

    @Test
    void workingSettingsHaveNoProblems() {
        assertThat(validate(Map.of()).isValid()).as("nothing but defaults: no key").isFalse();
        assertThat(validate(WORKING).problems()).isEmpty();
        assertThat(validate(with("apiKey", "!#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")).problems()).as("every printable character")
                .isEmpty();
        assertThat(validate(with("apiHeader", "x-unloc_key.v2")).problems()).isEmpty();
        assertThat(validate(with("mode", "production")).problems()).isEmpty();
    }

    @Test
    void theApiKeyNeedsSixteenPrintableCharacters() {
        assertThat(validate(with("apiKey", "fifteen-chars-x")).problems())
                .containsExactly(new FieldProblem("apiKey", "The API key must have at least 16 characters"));
        assertThat(validate(with("apiKey", "sixteen-chars-xx")).problems()).isEmpty();
        for (String key : new String[] {"has a space-0123456789", "tab\tkey-0123456789", "nøkkel-0123456789abc", "ctrl\u007fkey-0123456789"}) {
            assertThat(validate(with("apiKey", key)).problems()).as(key).singleElement().satisfies(problem -> {
                assertThat(problem.key()).isEqualTo("apiKey");
                assertThat(problem.message()).contains("printable ASCII").doesNotContain(key);
            });
        }
    }

    @Test
    void theHeaderNameMustBeAnHttpTokenThatHttpDoesNotUseItself() {
        for (String header : new String[] {"X Api Key", "X-Api-Key:", "Ünloc", "(key)", "x".repeat(65)}) {
            assertThat(validate(with("apiHeader", header)).problems()).as(header).singleElement()
                    .satisfies(problem -> assertThat(problem.key()).isEqualTo("apiHeader"));
        }
        assertThat(validate(with("apiHeader", "Content-Length")).problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("used by HTTP itself"));
        assertThat(validate(with("apiHeader", "host")).isValid()).isFalse();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> settings = Map.of("apiHeader", "X Api Key", "apiKey", "short key", "mode", "live");
        assertThat(validate(settings).problems()).extracting(FieldProblem::key)
                .containsExactly("apiHeader", "apiKey", "apiKey", "mode");
    }

    private ConfigValidation validate(Map<String, String> settings) {
        try (TestDriverContext context = TestDriverContext.of(settings)) {
            return factory.validate(new DriverConfiguration(settings), context);
        }
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> settings = new HashMap<>(WORKING);
        settings.put(key, value);
        return settings;
    }
}
