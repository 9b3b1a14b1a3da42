package dev.portier.plugins.reference.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * CBOR on Jackson's CBOR generator, written deterministically (RFC 8949 §4.2.1): definite lengths,
 * shortest integers, map keys in the bytewise order of their encodings. Keys are text or whole
 * numbers (CWT claims, RFC 8392, mix both); values are text, byte arrays, whole numbers, booleans, and
 * lists and text-keyed maps of them.
 */
public final class Cbor {

    private static final CBORFactory FACTORY = new CBORFactory();
    private static final CBORMapper READER = CBORMapper.builder(FACTORY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    /** Text keys of a deterministic map: shorter encodings first, then bytewise (for text, the same as by UTF-8 length, then bytes). */
    private static final Comparator<String> KEY_ORDER = Comparator
            .comparingInt((String key) -> key.getBytes(StandardCharsets.UTF_8).length)
            .thenComparing((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));

    private Cbor() {
    }

    /** What writes one CBOR item. */
    @FunctionalInterface
    public interface Writing {
        void write(CBORGenerator generator) throws IOException;
    }

    public static byte[] write(Writing writing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator generator = FACTORY.createGenerator(out)) {
            writing.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing CBOR to memory failed", e);
        }
        return out.toByteArray();
    }

    /** A map with text keys, in deterministic key order; {@code null} values are left out. */
    public static byte[] textMap(Map<String, Object> entries) {
        return write(generator -> writeTextMap(generator, entries));
    }

    private static void writeTextMap(CBORGenerator generator, Map<String, Object> entries) throws IOException {
        List<String> keys = new ArrayList<>(entries.keySet().stream().filter(key -> entries.get(key) != null).toList());
        keys.sort(KEY_ORDER);
        generator.writeStartObject(null, keys.size());
        for (String key : keys) {
            generator.writeFieldName(key);
            writeValue(generator, entries.get(key));
        }
        generator.writeEndObject();
    }

    /**
     * A map whose keys are whole numbers or text (e.g. CWT claims), in deterministic order (bytewise order of
     * the keys' encodings: numbers before text); {@code null} values are left out.
     */
    public static byte[] map(Map<?, Object> entries) {
        return write(generator -> writeMap(generator, entries));
    }

    private static void writeMap(CBORGenerator generator, Map<?, Object> entries) throws IOException {
        List<Map.Entry<byte[], Object>> encoded = new ArrayList<>();
        for (Map.Entry<?, Object> entry : entries.entrySet()) {
            if (entry.getValue() != null) {
                Object key = entry.getKey();
                if (!(key instanceof String) && !(key instanceof Integer) && !(key instanceof Long)) {
                    throw new IllegalArgumentException("A CBOR map key here is text or a whole number, not " + key);
                }
                encoded.add(Map.entry(write(g -> writeValue(g, key)), entry.getValue()));
            }
        }
        encoded.sort((a, b) -> Arrays.compareUnsigned(a.getKey(), b.getKey()));
        generator.writeStartObject(null, encoded.size());
        for (Map.Entry<byte[], Object> entry : encoded) {
            Object key = Cbor.READER.readTree(entry.getKey());
            JsonNode node = (JsonNode) key;
            if (node.isTextual()) {
                generator.writeFieldName(node.textValue());
            } else {
                generator.writeFieldId(node.longValue());
            }
            writeValue(generator, entry.getValue());
        }
        generator.writeEndObject();
    }

    @SuppressWarnings("unchecked")
    private static void writeValue(CBORGenerator generator, Object value) throws IOException {
        switch (value) {
            case Boolean flag -> generator.writeBoolean(flag);
            case Double number -> generator.writeNumber(number.doubleValue());
            case Map<?, ?> map -> writeMap(generator, (Map<?, Object>) map);
            case String text -> generator.writeString(text);
            case byte[] bytes -> generator.writeBinary(bytes);
            case Long number -> generator.writeNumber(number.longValue());
            case Integer number -> generator.writeNumber(number.intValue());
            case List<?> list -> {
                generator.writeStartArray(null, list.size());
                for (Object item : list) {
                    writeValue(generator, item);
                }
                generator.writeEndArray();
            }
            default -> throw new IllegalArgumentException("No CBOR form for " + value.getClass().getSimpleName());
        }
    }

    /** Reads one CBOR item as a tree (byte strings become binary nodes); malformed input is an {@link IllegalArgumentException}. */
    public static JsonNode read(byte[] bytes) {
        try {
            JsonNode node = READER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("Empty CBOR");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("Malformed CBOR: " + e.getMessage());
        }
    }

    static CBORFactory factory() {
        return FACTORY;
    }
}
