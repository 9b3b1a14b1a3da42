package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.db.Database;
import dev.portier.testing.RunningServer;
import dev.portier.web.api.ApiClient.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded random walk over every route the OpenAPI document lists (so a new route is fuzzed without
 * touching this test): path ids real or made up, query parameters and body fields from the document's
 * schemas filled with hostile values — far-off and malformed instants, huge, bidi and control-character
 * text, extreme numbers, wrong JSON types, unknown enum values — as a manager and as a viewer.
 * Every answer is below 500 and JSON; every refused request (4xx) leaves every table as it was.
 * The seed is printed with each failure: {@code -Dportier.fuzz.seed=…} replays it.
 */
class ApiFuzzIT {

    private static final long SEED = Long.getLong("portier.fuzz.seed", 20261203L);
    private static final int ROUNDS_PER_ROUTE = Integer.getInteger("portier.fuzz.rounds", 12);
    /** Written by reads too (a token's last use), or by background work: not a sign of a partial write. */
    private static final List<String> NOT_COMPARED = List.of("api_tokens", "flyway_schema_history",
            // renewed every 5 s by the lease thread on PostgreSQL (several instances)
            "leases");

    @TempDir
    static Path dir;
    static RunningServer server;
    static ApiClient manager;
    static ApiClient viewer;
    static JsonNode openApi;
    static final List<String> ids = new ArrayList<>();

    record Route(String method, String template, JsonNode operation) {
        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    @BeforeAll
    static void start() {
        server = RunningServer.withAdmin(dir);
        manager = new ApiClient(server, ApiFixtures.token(server, ApiFixtures.admin(server), Role.MANAGER, "Fuzz manager"));
        viewer = new ApiClient(server, ApiFixtures.token(server, ApiFixtures.admin(server), Role.VIEWER, "Fuzz viewer"));
        String site = manager.post("/api/v1/sites", ApiCrudIT.site("Site", "Europe/Oslo")).id();
        String lock = manager.post("/api/v1/locks", ApiCrudIT.lock(site, "Door")).id();
        String van = manager.post("/api/v1/locks", ReservationsApiIT.vehicle(site, "Van", null, null)).id();
        String person = manager.post("/api/v1/people", ApiCrudIT.person("Pat", "pat@example.com")).id();
        String card = manager.post("/api/v1/cards", ApiCrudIT.card("GEOTAB_TAPCARD", "ABCDEFGH12")).id();
        String grant = manager.post("/api/v1/grants", ApiCrudIT.grant(person, site)).id();
        ids.addAll(List.of(site, lock, van, person, card, grant));
        openApi = manager.withToken(null).get("/api/openapi.json").json();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void noRouteAnswers5xxAndNoRefusedRequestWritesAnything() {
        List<Route> routes = routes();
        assertThat(routes).as("routes from the OpenAPI document").hasSizeGreaterThan(20);
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Route route : routes) {
            for (int round = 0; round < ROUNDS_PER_ROUTE; round++) {
                String path = path(route, random);
                ObjectNode body = route.operation().has("requestBody") ? body(route.operation(), random) : null;
                Object sentBody = body != null && random.nextInt(10) == 0 ? mangled(body, random) : body;
                ApiClient caller = random.nextInt(4) == 0 ? viewer : manager;
                String before = storedData();
                Answer answer;
                try {
                    answer = caller.send(route.method(), path, sentBody);
                } catch (java.io.UncheckedIOException e) {
                    // Jetty closes the connection after refusing some requests (414, a bad URI); the client
                    // may have sent the next request on it already. Sent again on a fresh connection, it must answer.
                    answer = caller.send(route.method(), path, sentBody);
                }
                sent++;
                String what = route + " as " + (caller == viewer ? "viewer" : "manager") + " (seed " + SEED + ", round " + round
                        + "): " + route.method() + " " + abbreviated(path) + " " + (sentBody == null ? "" : abbreviated(sentBody.toString()))
                        + " → " + answer.status() + " " + abbreviated(answer.body());
                if (answer.status() >= 500) {
                    failures.add("5xx: " + what);
                } else if (answer.status() >= 400) {
                    // Jetty refuses a URI over 8 KB (414) and an ambiguous path (an encoded control character, %, ;, / or \) before
                    // any servlet or error page for /api sees a usable path: those answer HTML. All else is the API's JSON.
                    boolean refusedByJetty = answer.status() == 414
                            || answer.status() == 400 && path.split("\\?")[0].matches("(?i).*%([01][0-9A-F]|7F|25|2F|3B|5C).*");
                    if (!refusedByJetty && answer.status() != 404 && answer.status() != 405 && answer.json() == null) {
                        failures.add("not JSON: " + what);
                    }
                    if (!storedData().equals(before)) {
                        failures.add("refused but wrote: " + what);
                    }
                }
            }
        }
        System.out.println("ApiFuzzIT: " + sent + " requests over " + routes.size() + " routes, seed " + SEED);
        assertThat(failures).as(sent + " requests over " + routes.size() + " routes").isEmpty();
    }

    static List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        openApi.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (List.of("get", "post", "put", "delete", "patch").contains(operation.getKey())) {
                String template = path.getKey().startsWith("/api") ? path.getKey() : "/api" + path.getKey();
                routes.add(new Route(operation.getKey().toUpperCase(java.util.Locale.ROOT), template, operation.getValue()));
            }
        }));
        return routes;
    }

    private static String path(Route route, Random random) {
        StringBuilder path = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(route.template());
        int last = 0;
        while (m.find()) {
            path.append(route.template(), last, m.start());
            String value = random.nextInt(3) == 0 ? text(random) : ids.get(random.nextInt(ids.size()));
            path.append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            last = m.end();
        }
        path.append(route.template().substring(last));
        List<String> query = new ArrayList<>();
        for (JsonNode parameter : route.operation().path("parameters")) {
            if (parameter.path("in").asText().equals("query") && random.nextBoolean()) {
                JsonNode value = value(schema(parameter.path("schema")), random, 0);
                String text = value.isTextual() ? value.asText() : value.toString();
                query.add(parameter.get("name").asText() + "=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
            }
        }
        return query.isEmpty() ? path.toString() : path + "?" + String.join("&", query);
    }

    private static ObjectNode body(JsonNode operation, Random random) {
        JsonNode schema = schema(operation.path("requestBody").path("content").path("application/json").path("schema"));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> property = it.next();
            if (random.nextInt(6) != 0) {
                body.set(property.getKey(), value(schema(property.getValue()), random, 0));
            }
        }
        if (random.nextInt(15) == 0) {
            body.put("unexpected", "field");
        }
        return body;
    }

    private static JsonNode schema(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/components/schemas/")) {
            return openApi.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    /** Usually a value of the schema's type (hostile within it), sometimes one of another type. */
    private static JsonNode value(JsonNode schema, Random random, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String type = schema.path("type").asText("string");
        if (random.nextInt(8) == 0) {
            type = List.of("string", "integer", "number", "boolean", "array", "object", "null").get(random.nextInt(7));
        }
        switch (type) {
            case "integer", "number" -> {
                long[] numbers = {0, 1, -1, 30, 1440, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE};
                return random.nextInt(6) == 0 ? f.numberNode(random.nextDouble() * 1e20) : f.numberNode(numbers[random.nextInt(numbers.length)]);
            }
            case "boolean" -> {
                return f.booleanNode(random.nextBoolean());
            }
            case "array" -> {
                ArrayNode array = f.arrayNode();
                int size = random.nextInt(4);
                for (int i = 0; i < size && depth < 3; i++) {
                    array.add(value(schema(schema.path("items")), random, depth + 1));
                }
                return array;
            }
            case "object" -> {
                ObjectNode object = f.objectNode();
                if (depth < 3 && random.nextBoolean()) {
                    object.set("k", value(f.objectNode(), random, depth + 1));
                }
                return object;
            }
            case "null" -> {
                return f.nullNode();
            }
            default -> {
                if (schema.has("enum") && random.nextInt(3) != 0) {
                    JsonNode values = schema.get("enum");
                    return values.get(random.nextInt(values.size()));
                }
                if ("date-time".equals(schema.path("format").asText()) && random.nextBoolean()) {
                    return f.textNode(instant(random));
                }
                return f.textNode(text(random));
            }
        }
    }

    private static String instant(Random random) {
        List<String> instants = List.of("2026-05-01T08:00:00Z", "2026-05-01T10:00:00+02:00", "+999999999-12-31T23:59:59Z",
                "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
                "1970-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-05-01T08:00", "2026-05-01T25:00:00Z", "");
        return instants.get(random.nextInt(instants.size()));
    }

    private static String text(Random random) {
        List<String> texts = List.of("", " ", "Ann", "x".repeat(10_000), "<script>alert(1)</script>", "Ann\u202Efdp.exe",
                "\u0000", "Ann\u2028x", "\uD800", "👩\u200D🔧", "../../etc/passwd", "%00", "'; DROP TABLE sites; --",
                "pat@example.com", "+4712345678", "Europe/Oslo", "Mars/Olympus", "UNLOCK", "Mo-Fr 08:00-17:00",
                "http://127.1:19996/d", "https://example.com/x", "ABCDEFGH12", "{}", "null", "9223372036854775808",
                "+999999999-12-31T23:59:59Z", "00000000-0000-0000-0000-000000000000");
        if (random.nextInt(5) == 0 && !ids.isEmpty()) {
            return ids.get(random.nextInt(ids.size()));
        }
        if (random.nextInt(6) == 0) {
            StringBuilder noise = new StringBuilder();
            int length = 1 + random.nextInt(40);
            for (int i = 0; i < length; i++) {
                noise.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x3000) : 0x20 + random.nextInt(0x5f));
            }
            return noise.toString();
        }
        return texts.get(random.nextInt(texts.size()));
    }

    /** The body as broken JSON text: cut short, or with trailing garbage. */
    private static String mangled(ObjectNode body, Random random) {
        String text = body.toString();
        return random.nextBoolean() ? text.substring(0, Math.max(0, text.length() / 2)) : text + " ]";
    }

    private static String abbreviated(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…(" + text.length() + " characters)" : text;
    }

    /** Every row of every table but those that reads or background work write. */
    private static String storedData() {
        return server.get(Database.class).jdbi().withHandle(h -> {
            List<String> tables = new ArrayList<>();
            try (var rs = h.getConnection().getMetaData().getTables(null, h.getConnection().getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT);
                    if (!NOT_COMPARED.contains(table) && !table.startsWith("sqlite_")) {
                        tables.add(table);
                    }
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return tables.stream().sorted().map(table -> table + h.createQuery("SELECT * FROM " + table).mapToMap().list().stream()
                            .map(Object::toString).sorted().collect(Collectors.joining(",")))
                    .collect(Collectors.joining("\n"));
        });
    }
}
