package dev.portier.plugins.geotab.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plugin's JSON, through the host's Jackson, on the vendor document's own notification. */
class KeylessJsonTest {

    @Test
    void reads_the_documented_checkin_notification_with_its_json_in_a_string() {
        JsonNode notification = KeylessJson.object("""
                { "NotificationId": "858261C6-4711-48F6-8B86-9EC2C53E2D65", "Database": "databaseName", "Timestamp": 1620359058770,
                  "Type": "CheckIn", "Data": "{\\"deviceSerialNumber\\":\\"G9A720FBE29A\\",\\"tapCardSerialNumber\\":\\"743227D3PR\\"}" }
                """);

        assertThat(KeylessJson.number(notification, "Timestamp")).isEqualTo(1620359058770L);
        JsonNode data = KeylessJson.object(KeylessJson.text(notification, "Data"));
        assertThat(KeylessJson.text(data, "deviceSerialNumber")).isEqualTo("G9A720FBE29A");
        assertThat(KeylessJson.text(data, "tapCardSerialNumber")).isEqualTo("743227D3PR");
    }

    @Test
    void typed_reads_answer_null_or_empty_for_missing_or_other_types() {
        JsonNode json = KeylessJson.object("{\"n\": 2.5, \"s\": 3, \"list\": [\"a\", 1, \"b\"], \"flag\": \"yes\"}");

        assertThat(KeylessJson.number(json, "n")).isNull();
        assertThat(KeylessJson.number(json, "missing")).isNull();
        assertThat(KeylessJson.text(json, "s")).isNull();
        assertThat(KeylessJson.strings(json, "list")).containsExactly("a", "b");
        assertThat(KeylessJson.strings(json, "missing")).isEmpty();
        assertThat(KeylessJson.flag(json, "flag", true)).isTrue();
    }

    @Test
    void writes_what_it_reads() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ newline \n tab \t é \u0001");
        value.put("list", List.of("a", 1L, true));
        value.put("none", null);

        JsonNode read = KeylessJson.object(KeylessJson.write(value));
        assertThat(KeylessJson.text(read, "text")).isEqualTo(value.get("text"));
        assertThat(read.get("list").toString()).isEqualTo("[\"a\",1,true]");
        assertThat(read.get("none").isNull()).isTrue();
    }

    @Test
    void malformed_text_or_another_value_is_an_illegal_argument() {
        assertThatThrownBy(() -> KeylessJson.object("{\"a\": tru}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Malformed JSON");
        assertThatThrownBy(() -> KeylessJson.object("[\"open")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeylessJson.object("[1]")).hasMessageContaining("Expected a JSON object");
    }
}
