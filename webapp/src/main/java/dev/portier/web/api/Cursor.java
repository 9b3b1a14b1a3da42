package dev.portier.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The opaque {@code cursor} of keyset-paged lists: base64url (no padding) of a small JSON array — the
 * list's kind, then the sort key of the last row of the page. Clients pass it back unchanged; one of
 * another list, or anything else, is a 400 ({@link Problem#INVALID_CURSOR}).
 */
final class Cursor {

    static final String PARAMETER = "cursor";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LENGTH = 1000;

    private Cursor() {
    }

    static String encode(String kind, Object... key) {
        ArrayNode array = JSON.createArrayNode().add(kind);
        for (Object part : key) {
            if (part instanceof Long l) {
                array.add(l);
            } else if (part instanceof Integer i) {
                array.add(i);
            } else {
                array.add(String.valueOf(part));
            }
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(array.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key of a cursor of {@code kind} with {@code size} parts; 400 when it is not one. */
    static List<JsonNode> decode(String cursor, String kind, int size) {
        try {
            if (cursor.length() > MAX_LENGTH) {
                throw invalid();
            }
            JsonNode array = JSON.readTree(Base64.getUrlDecoder().decode(cursor.strip()));
            if (array == null || !array.isArray() || array.size() != size + 1 || !kind.equals(array.get(0).asText())) {
                throw invalid();
            }
            List<JsonNode> key = new ArrayList<>();
            for (int i = 1; i <= size; i++) {
                JsonNode part = array.get(i);
                if (part == null || part.isNull() || part.isContainerNode()) {
                    throw invalid();
                }
                key.add(part);
            }
            return key;
        } catch (IllegalArgumentException | IOException e) {
            throw invalid();
        }
    }

    static ApiInputException invalid() {
        return new ApiInputException(Problem.INVALID_CURSOR, PARAMETER,
                "cursor is not one this list gave out; pass next_cursor from the previous page unchanged, or leave it out for the first page");
    }
}
