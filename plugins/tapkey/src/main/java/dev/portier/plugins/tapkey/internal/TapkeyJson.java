package dev.portier.plugins.tapkey.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Tolerant reading of Tapkey's JSON (fields vary between page versions: unknown ones are ignored, nulls
 * and missing ones read as absent, numbers may come as strings) and the one way Portier writes instants:
 * UTC with milliseconds and {@code Z}.
 */
public final class TapkeyJson {

    public static final ObjectMapper MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final DateTimeFormatter UTC_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private TapkeyJson() {
    }

    public static JsonNode read(byte[] body) throws IOException {
        return body == null || body.length == 0 ? MAPPER.nullNode() : MAPPER.readTree(body);
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The first of {@code fields} that holds a non-blank scalar, as text; {@code null} when none does. */
    public static String text(JsonNode node, String... fields) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (String field : fields) {
            JsonNode value = node.get(field);
            if (value != null && value.isValueNode() && !value.isNull()) {
                String text = value.asText();
                if (!text.isBlank()) {
                    return text;
                }
            }
        }
        return null;
    }

    /** A boolean field, also when sent as "true"/"false"; {@code null} when absent or null. */
    public static Boolean bool(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null) {
            return null;
        }
        return text.equalsIgnoreCase("true") ? Boolean.TRUE : text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }

    /** A whole number field, also when sent as a string; {@code null} when absent or not a number. */
    public static Long number(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.contains(".") ? text.substring(0, text.indexOf('.')) : text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An instant field; without an offset it is taken as UTC (Tapkey's samples send UTC). {@code null} when absent or unreadable. */
    public static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : instant(text);
    }

    public static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /** {@code 2019-02-01T10:00:00.000Z}: UTC, milliseconds, {@code Z}, as Tapkey documents. */
    public static String format(Instant instant) {
        return UTC_MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** The nested object {@code field}, or a missing node. */
    public static JsonNode nested(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isObject() ? MAPPER.missingNode() : value;
    }
}
