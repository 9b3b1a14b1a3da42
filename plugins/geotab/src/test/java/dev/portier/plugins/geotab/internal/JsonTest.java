package dev.portier.plugins.geotab.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plugin's small JSON reader and writer, on the vendor document's own notification. */
class JsonTest {

    @Test
    void reads_the_documented_checkin_notification_with_its_json_in_a_string() {
        Map<String, Object> notification = Json.object("""
                { "NotificationId": "858261C6-4711-48F6-8B86-9EC2C53E2D65", "Database": "databaseName", "Timestamp": 1620359058770,
                  "Type": "CheckIn", "Data": "{\\"deviceSerialNumber\\":\\"G9A720FBE29A\\",\\"tapCardSerialNumber\\":\\"743227D3PR\\"}" }
                """);

        assertThat(Json.number(notification, "Timestamp")).isEqualTo(1620359058770L);
        Map<String, Object> data = Json.object(Json.string(notification, "Data"));
        assertThat(data).containsEntry("deviceSerialNumber", "G9A720FBE29A").containsEntry("tapCardSerialNumber", "743227D3PR");
    }

    @Test
    void writes_what_it_reads() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ newline \n tab \t é \u0001");
        value.put("list", List.of("a", 1L, true));
        value.put("none", null);
        value.put("nested", Map.of("x", 2.5));

        assertThat(Json.parse(Json.write(value))).isEqualTo(value);
    }

    @Test
    void malformed_text_names_the_position() {
        assertThatThrownBy(() -> Json.parse("{\"a\": tru}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("character 6");
        assertThatThrownBy(() -> Json.parse("{\"a\": 1} x")).hasMessageContaining("after the value");
        assertThatThrownBy(() -> Json.parse("[\"open")).hasMessageContaining("does not end");
        assertThatThrownBy(() -> Json.object("[1]")).hasMessageContaining("Expected a JSON object");
    }
}
