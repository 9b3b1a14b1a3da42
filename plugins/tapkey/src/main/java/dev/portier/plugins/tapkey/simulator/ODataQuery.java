package dev.portier.plugins.tapkey.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OData subset the simulated Tapkey understands on list endpoints: {@code $filter} (comparisons
 * {@code eq ne gt ge lt le} joined by {@code and}; strings in quotes, numbers, booleans, null, instants
 * quoted or bare), {@code $orderby}, {@code $skip}, {@code $top} (capped), {@code $select}, and
 * {@code $expand}/{@code expand}. Lists answer a bare JSON array, as Tapkey's do. A query it cannot read
 * is a 400, via {@link IllegalArgumentException}.
 */
final class ODataQuery {

    private static final Pattern COMPARISON = Pattern.compile(
            "\\s*([A-Za-z][A-Za-z0-9_]*)\\s+(eq|ne|gt|ge|lt|le)\\s+('(?:[^']|'')*'|[^\\s]+)\\s*", Pattern.CASE_INSENSITIVE);

    private final Map<String, String> parameters;

    private ODataQuery(Map<String, String> parameters) {
        this.parameters = parameters;
    }

    static ODataQuery parse(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                parameters.put(name.toLowerCase(Locale.ROOT), value);
            }
        }
        return new ODataQuery(parameters);
    }

    boolean expands(String what) {
        String expand = parameters.getOrDefault("$expand", parameters.getOrDefault("expand", ""));
        for (String item : expand.split(",")) {
            if (item.trim().equalsIgnoreCase(what)) {
                return true;
            }
        }
        return false;
    }

    /** Filters, orders, pages and projects {@code items}; {@code maxTop} caps {@code $top}. */
    ArrayNode apply(List<ObjectNode> items, int maxTop) {
        List<ObjectNode> kept = new ArrayList<>();
        String filter = parameters.get("$filter");
        List<String[]> comparisons = filter == null || filter.isBlank() ? List.of() : comparisons(filter);
        for (ObjectNode item : items) {
            if (comparisons.stream().allMatch(comparison -> matches(item, comparison))) {
                kept.add(item);
            }
        }
        String orderBy = parameters.get("$orderby");
        if (orderBy != null && !orderBy.isBlank()) {
            kept.sort(order(orderBy));
        }
        int skip = integer("$skip", 0);
        int top = Math.min(integer("$top", maxTop), maxTop);
        ArrayNode page = JsonNodeFactory.instance.arrayNode();
        String select = parameters.get("$select");
        for (int i = skip; i < kept.size() && i < skip + top; i++) {
            page.add(select == null || select.isBlank() ? kept.get(i) : project(kept.get(i), select));
        }
        return page;
    }

    private int integer(String name, int otherwise) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number < 0) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + value);
        }
    }

    private static List<String[]> comparisons(String filter) {
        List<String[]> comparisons = new ArrayList<>();
        for (String part : filter.split("(?i)\\s+and\\s+")) {
            Matcher matcher = COMPARISON.matcher(part);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("$filter not understood: " + part);
            }
            comparisons.add(new String[] {matcher.group(1), matcher.group(2).toLowerCase(Locale.ROOT), matcher.group(3)});
        }
        return comparisons;
    }

    private static boolean matches(ObjectNode item, String[] comparison) {
        JsonNode field = field(item, comparison[0]);
        String literal = comparison[2];
        int order;
        if (literal.equalsIgnoreCase("null")) {
            boolean isNull = field == null || field.isNull();
            return comparison[1].equals("eq") == isNull;
        }
        if (field == null || field.isNull()) {
            return comparison[1].equals("ne");
        }
        String value = literal.startsWith("'") ? literal.substring(1, literal.length() - 1).replace("''", "'") : literal;
        Instant left = instant(field.asText());
        Instant right = instant(value);
        if (left != null && right != null) {
            order = left.compareTo(right);
        } else if (field.isNumber() && value.matches("-?[0-9.]+")) {
            order = field.decimalValue().compareTo(new BigDecimal(value));
        } else if (field.isBoolean()) {
            order = Boolean.compare(field.asBoolean(), Boolean.parseBoolean(value));
        } else {
            order = field.asText().compareTo(value);
        }
        return switch (comparison[1]) {
            case "eq" -> order == 0;
            case "ne" -> order != 0;
            case "gt" -> order > 0;
            case "ge" -> order >= 0;
            case "lt" -> order < 0;
            default -> order <= 0;
        };
    }

    private static Comparator<ObjectNode> order(String orderBy) {
        Comparator<ObjectNode> comparator = (a, b) -> 0;
        for (String clause : orderBy.split(",")) {
            String[] words = clause.trim().split("\\s+");
            String name = words[0];
            Comparator<ObjectNode> next = (a, b) -> compare(field(a, name), field(b, name));
            comparator = comparator.thenComparing(words.length > 1 && words[1].equalsIgnoreCase("desc") ? next.reversed() : next);
        }
        return comparator;
    }

    private static int compare(JsonNode a, JsonNode b) {
        boolean aAbsent = a == null || a.isNull();
        boolean bAbsent = b == null || b.isNull();
        if (aAbsent || bAbsent) {
            return Boolean.compare(!aAbsent, !bAbsent);
        }
        Instant left = instant(a.asText());
        Instant right = instant(b.asText());
        if (left != null && right != null) {
            return left.compareTo(right);
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.asText().compareTo(b.asText());
    }

    private static JsonNode field(ObjectNode item, String name) {
        Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static ObjectNode project(ObjectNode item, String select) {
        ObjectNode projected = JsonNodeFactory.instance.objectNode();
        for (String name : select.split(",")) {
            JsonNode value = field(item, name.trim());
            if (value != null) {
                projected.set(name.trim(), value);
            }
        }
        return projected;
    }

    private static Instant instant(String text) {
        if (text == null || text.length() < 10 || !Character.isDigit(text.charAt(0)) || text.indexOf('T') < 0) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
