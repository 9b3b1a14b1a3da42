package dev.portier.plugins.reference.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;

/** Reads the fields of a decoded CBOR payload map, refusing missing or mistyped ones with a clear message. */
public final class PayloadFields {

    private final JsonNode map;
    private final String what;

    public PayloadFields(byte[] payload, String what) {
        this.map = Cbor.read(payload);
        this.what = what;
        if (!map.isObject()) {
            throw new IllegalArgumentException(what + " payload is not a map");
        }
    }

    /** Whether the map has {@code key} (a text label, or a CWT claim's number as text). */
    public boolean has(Object key) {
        return map.has(String.valueOf(key));
    }

    public String text(int claim) {
        return text(String.valueOf(claim));
    }

    public byte[] bytes(int claim) {
        return bytes(String.valueOf(claim));
    }

    public Instant seconds(int claim) {
        return seconds(String.valueOf(claim));
    }

    /** A CWT NumericDate: whole seconds, or a float of seconds (read to the millisecond). */
    public Instant numericDate(int claim) {
        JsonNode value = required(String.valueOf(claim));
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Instant.ofEpochSecond(value.longValue());
        }
        if (value.isFloatingPointNumber() && Double.isFinite(value.doubleValue())) {
            return Instant.ofEpochMilli(Math.round(value.doubleValue() * 1000));
        }
        throw new IllegalArgumentException(what + " claim " + claim + " is not a NumericDate");
    }

    public long number(int claim) {
        return number(String.valueOf(claim));
    }

    public JsonNode object(int claim) {
        JsonNode value = required(String.valueOf(claim));
        if (!value.isObject()) {
            throw new IllegalArgumentException(what + " claim " + claim + " is not a map");
        }
        return value;
    }

    public boolean flag(String key) {
        JsonNode value = required(key);
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(what + " field " + key + " is not true or false");
        }
        return value.booleanValue();
    }

    public JsonNode node(String key) {
        return required(key);
    }

    public String text(String key) {
        JsonNode value = required(key);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(what + " field " + key + " is not text");
        }
        return value.textValue();
    }

    public String optionalText(String key) {
        return map.has(key) ? text(key) : null;
    }

    public byte[] bytes(String key) {
        JsonNode value = required(key);
        try {
            if (!value.isBinary()) {
                throw new IllegalArgumentException(what + " field " + key + " is not a byte string");
            }
            return value.binaryValue();
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " field " + key + " is not a byte string");
        }
    }

    public byte[] optionalBytes(String key) {
        return map.has(key) ? bytes(key) : null;
    }

    public long number(String key) {
        return number(required(key), key);
    }

    public Long optionalNumber(String key) {
        return map.has(key) ? number(key) : null;
    }

    public Instant seconds(String key) {
        return Instant.ofEpochSecond(number(key));
    }

    public Instant millis(String key) {
        return Instant.ofEpochMilli(number(key));
    }

    public JsonNode array(String key) {
        JsonNode value = required(key);
        if (!value.isArray()) {
            throw new IllegalArgumentException(what + " field " + key + " is not an array");
        }
        return value;
    }

    public long number(JsonNode value, String key) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(what + " field " + key + " is not a whole number");
        }
        return value.longValue();
    }

    private JsonNode required(String key) {
        JsonNode value = map.get(key);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(what + " has no " + key);
        }
        return value;
    }
}
