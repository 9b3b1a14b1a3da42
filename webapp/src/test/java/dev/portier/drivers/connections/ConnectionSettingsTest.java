package dev.portier.drivers.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.plugin.api.ConfigProperty;
import dev.portier.plugin.api.ConfigType;
import dev.portier.platform.validation.ValidationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Settings are checked per type against the factory's schema and split into plain and secret values. */
class ConnectionSettingsTest {

    static final List<ConfigProperty> SCHEMA = List.of(
            ConfigProperty.required("baseUrl", ConfigType.URL, "Base URL", ""),
            ConfigProperty.secret("apiKey", "API key", ""),
            ConfigProperty.optional("pollSeconds", ConfigType.INTEGER, "Poll interval", "", "30"),
            ConfigProperty.optional("verbose", ConfigType.BOOLEAN, "Verbose", "", "false"),
            ConfigProperty.choice("region", "Region", "", List.of("eu", "us")),
            ConfigProperty.optional("notes", ConfigType.MULTILINE, "Notes", "", null),
            ConfigProperty.optional("site", ConfigType.TEXT, "Site", "", null));

    static Map<String, String> valid() {
        Map<String, String> values = new HashMap<>();
        values.put("baseUrl", " https://vendor.example.com/api ");
        values.put("apiKey", "s3cret");
        values.put("pollSeconds", "15");
        values.put("verbose", "true");
        values.put("region", "us");
        values.put("notes", "line one\nline two");
        values.put("unknown", "dropped");
        return values;
    }

    @Test
    void validSettingsAreTrimmedAndSplitIntoPlainAndSecret() {
        ConnectionSettings.Checked checked = ConnectionSettings.check(SCHEMA, valid(), Set.of());
        assertThat(checked.plain()).containsOnly(Map.entry("baseUrl", "https://vendor.example.com/api"),
                Map.entry("pollSeconds", "15"), Map.entry("verbose", "true"), Map.entry("region", "us"),
                Map.entry("notes", "line one\nline two"));
        assertThat(checked.secrets()).containsOnly(Map.entry("apiKey", "s3cret"));
    }

    @Test
    void eachTypeNamesItsFieldWhenTheValueIsWrong() {
        assertProblem("baseUrl", "ftp://vendor.example.com", "absolute http");
        assertProblem("baseUrl", "/relative/path", "absolute http");
        assertProblem("baseUrl", "https:// bad", "not a valid address");
        assertProblem("pollSeconds", "fifteen", "whole number");
        assertProblem("pollSeconds", "99999999999", "whole number");
        assertProblem("verbose", "yes", "true or false");
        assertProblem("region", "asia", "one of eu, us");
        assertProblem("site", "two\nlines", "single line");
        assertProblem("site", "x".repeat(ConnectionSettings.MAX_LINE + 1), "at most " + ConnectionSettings.MAX_LINE);
        assertProblem("notes", "x".repeat(ConnectionSettings.MAX_MULTILINE + 1), "at most " + ConnectionSettings.MAX_MULTILINE);
    }

    @Test
    void requiredSettingsMustBeGivenUnlessASecretIsAlreadyStored() {
        Map<String, String> values = valid();
        values.remove("baseUrl");
        values.put("apiKey", "  ");
        assertThatThrownBy(() -> ConnectionSettings.check(SCHEMA, values, Set.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors())
                        .containsOnly(Map.entry("baseUrl", "Base URL is required"), Map.entry("apiKey", "API key is required")));

        values.put("baseUrl", "http://10.0.0.5:8080");
        ConnectionSettings.Checked kept = ConnectionSettings.check(SCHEMA, values, Set.of("apiKey"));
        assertThat(kept.secrets()).isEmpty();
        assertThat(kept.plain()).containsEntry("baseUrl", "http://10.0.0.5:8080");
    }

    private static void assertProblem(String key, String value, String expected) {
        Map<String, String> values = valid();
        values.put(key, value);
        assertThatThrownBy(() -> ConnectionSettings.check(SCHEMA, values, Set.of()))
                .as("%s = %s", key, value)
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.fieldErrors()).containsOnlyKeys(key);
                    assertThat(e.getMessage()).contains(expected);
                });
    }

    /** Issue #19 item 8: a production-only setting is neither shown nor demanded in sandbox mode. */
    @Test
    void aSettingShownOnlyInProductionIsDemandedOnlyThere() {
        List<ConfigProperty> schema = List.of(ConfigProperty.choice("mode", "Mode", "", List.of("sandbox", "production")),
                ConfigProperty.secret("apiKey", "API key", "").shownWhen("mode", "production"));
        assertThat(ConnectionSettings.applies(schema.get(1), schema, Map.of())).as("the default mode is sandbox").isFalse();
        assertThat(ConnectionSettings.applies(schema.get(1), schema, Map.of("mode", "production"))).isTrue();
        assertThat(ConnectionSettings.check(schema, Map.of("mode", "sandbox"), Set.of()).secrets()).isEmpty();
        assertThatThrownBy(() -> ConnectionSettings.check(schema, Map.of("mode", "production"), Set.of()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("API key is required");
    }
}
