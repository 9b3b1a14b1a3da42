package dev.portier.plugins.geotab.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The Keyless API's JSON through the host's Jackson ({@code jackson-databind}, provided): reading
 * into {@link JsonNode}s, writing maps, lists and records, and the few typed reads the vendor's flat
 * shapes need (its timestamps are epoch milliseconds; a notification's {@code Data} is JSON inside a
 * string). Malformed text is an {@link IllegalArgumentException}. Thread-safe.
 */
public final class KeylessJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private KeylessJson() {
    }

    /** Reads one JSON value; malformed text is an {@link IllegalArgumentException}. */
    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a JSON object; anything else, or malformed text, is an {@link IllegalArgumentException}. */
    public static JsonNode object(String text) {
        JsonNode node = parse(text);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("Expected a JSON object");
        }
        return node;
    }

    /** Writes maps, lists, strings, numbers, booleans, {@code null} and records as JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The text of field {@code name}, or {@code null} when it is missing or not a string. */
    public static String text(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** The whole number in field {@code name} (epoch milliseconds, ids), or {@code null} when it is missing or not one. */
    public static Long number(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value != null && value.isIntegralNumber() && value.canConvertToLong() ? value.longValue() : null;
    }

    /** The strings of array field {@code name}; empty when it is missing, other items are left out. */
    public static List<String> strings(JsonNode object, String name) {
        JsonNode value = object.get(name);
        List<String> strings = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(item -> {
                if (item.isTextual()) {
                    strings.add(item.textValue());
                }
            });
        }
        return List.copyOf(strings);
    }

    /** Whether field {@code name} is a boolean, and its value; {@code fallback} otherwise. */
    public static boolean flag(JsonNode object, String name, boolean fallback) {
        JsonNode value = object.get(name);
        return value != null && value.isBoolean() ? value.booleanValue() : fallback;
    }
}
