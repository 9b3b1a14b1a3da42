package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated OpenAPI document: valid by an independent validator (@readme/openapi-parser under Node.js,
 * installed with {@code npm ci} from the lock file in {@code src/test/openapi-check} into
 * {@code target/openapi-check} once), listing exactly the routes Jersey's resource model serves, and
 * carrying the API's conventions.
 */
class OpenApiDocumentTest {

    private static final Path SOURCE = Path.of("src", "test", "openapi-check");
    private static final Path INSTALLED = Path.of("target", "openapi-check");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path files;
    static String text;
    static JsonNode document;

    @BeforeAll
    static void generate() throws IOException {
        text = OpenApiDocument.generate(ApiApplication.RESOURCES);
        document = JSON.readTree(text);
    }

    @Test
    void anIndependentValidatorFindsTheDocumentValid() throws Exception {
        Files.createDirectories(INSTALLED);
        for (String name : List.of("package.json", "package-lock.json", "validate.mjs")) {
            Files.copy(SOURCE.resolve(name), INSTALLED.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.exists(INSTALLED.resolve("node_modules/@readme/openapi-parser/package.json"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"), 300);
        }
        JsonNode installed = JSON.readTree(INSTALLED.resolve("node_modules/@readme/openapi-parser/package.json").toFile());
        assertThat(installed.get("version").asText()).isEqualTo("9.0.0");
        Path file = files.resolve("openapi.json");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        JsonNode result = JSON.readTree(run(List.of("node", INSTALLED.resolve("validate.mjs").toAbsolutePath().toString(),
                file.toString()), 120));
        assertThat(result.get("errors").asText()).isEmpty();
        assertThat(result.get("valid").asBoolean()).isTrue();
        assertThat(result.get("warnings").asText()).isEmpty();
    }

    @Test
    void theValidatorCatchesABrokenDocument() throws Exception {
        anIndependentValidatorFindsTheDocumentValid(); // installs
        JsonNode broken = document.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("paths").get("/api/v1/sites").get("get"))
                .putArray("parameters").addObject().put("name", "x"); // no "in"
        Path file = files.resolve("broken.json");
        Files.writeString(file, broken.toString(), StandardCharsets.UTF_8);
        JsonNode result = JSON.readTree(run(List.of("node", INSTALLED.resolve("validate.mjs").toAbsolutePath().toString(),
                file.toString()), 120));
        assertThat(result.get("valid").asBoolean()).isFalse();
    }

    @Test
    void everyRouteJerseyServesIsInTheDocumentAndViceVersa() {
        Set<String> served = new TreeSet<>();
        for (Class<?> resource : ApiApplication.RESOURCES) {
            walk(Resource.from(resource), "", served);
        }
        Set<String> documented = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)
                    && !path.getKey().equals(OpenApiConventions.PLUGIN_PATH)) {
                documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        assertThat(served).hasSizeGreaterThan(40);
        assertThat(documented).isEqualTo(served);
    }

    private static void walk(Resource resource, String prefix, Set<String> routes) {
        String path = join(prefix, resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            routes.add(method.getHttpMethod() + " " + OpenApiDocument.SERVLET_PATH + path);
        }
        for (Resource child : resource.getChildResources()) {
            walk(child, path, routes);
        }
        assertThat(resource.getResourceLocator()).as("sub-resource locators are not walked").isNull();
    }

    private static String join(String prefix, String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return prefix;
        }
        String clean = path.startsWith("/") ? path : "/" + path;
        clean = clean.endsWith("/") ? clean.substring(0, clean.length() - 1) : clean;
        return prefix + clean;
    }

    @Test
    void everyOperationDescribesItsErrorsAsProblemsAndTheHeaders() {
        List<String> checked = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
            if (!entry.getValue().has("responses") || path.getKey().equals(OpenApiConventions.PLUGIN_PATH)) {
                return;
            }
            JsonNode responses = entry.getValue().get("responses");
            String where = entry.getKey() + " " + path.getKey();
            assertThat(responses.fieldNames()).toIterable().as(where).contains("400", "404", "406", "500", "default");
            boolean open = path.getKey().equals("/api/v1/mobile/devices");
            if (!open) {
                assertThat(responses.fieldNames()).toIterable().as(where).contains("401", "403", "429");
            }
            if (entry.getKey().equals("post")) {
                assertThat(responses.fieldNames()).toIterable().as(where).contains("409", "422");
                assertThat(entry.getValue().get("parameters").toString()).as(where).contains("#/components/parameters/IdempotencyKey");
            }
            responses.fields().forEachRemaining(r -> {
                if (r.getKey().startsWith("2")) {
                    assertThat(r.getValue().path("headers").has("X-Request-Id")).as(where + " " + r.getKey()).isTrue();
                    assertThat(r.getValue().path("headers").has("RateLimit-Remaining")).as(where + " " + r.getKey()).isTrue();
                }
            });
            checked.add(where);
        }));
        assertThat(checked).hasSizeGreaterThan(40);
        JsonNode problem = document.get("components").get("responses").get("TooManyRequests");
        assertThat(problem.get("content").has("application/problem+json")).isTrue();
        assertThat(problem.get("headers").has("Retry-After")).isTrue();
        JsonNode schema = document.get("components").get("schemas").get(OpenApiDocument.ERROR_SCHEMA);
        assertThat(schema.get("properties").fieldNames()).toIterable()
                .contains("type", "title", "status", "detail", "code", "field", "error");
        assertThat(schema.get("properties").get("field").get("nullable").asBoolean()).isTrue();
    }

    @Test
    void theMobileApiHasItsOwnSchemeAndRegisteringAPhoneNeedsNone() {
        JsonNode schemes = document.get("components").get("securitySchemes");
        assertThat(schemes.has(OpenApiDocument.DEVICE)).isTrue();
        assertThat(document.get("paths").get("/api/v1/mobile/keys").get("get").get("security").toString()).contains("\"device\"");
        JsonNode register = document.get("paths").get("/api/v1/mobile/devices").get("post");
        assertThat(register.has("security")).isTrue();
        assertThat(register.get("security")).isEmpty();
        assertThat(document.get("paths").get("/api/v1/sites").get("get").has("security")).as("the global bearer applies").isFalse();
    }

    @Test
    void nullableFieldsCursorPagingAndPluginEndpointsAreDescribed() {
        JsonNode schemas = document.get("components").get("schemas");
        JsonNode grant = schemas.get("GrantResponse").get("properties");
        assertThat(grant.get("revokedAt").path("nullable").asBoolean()).as("revokedAt").isTrue();
        assertThat(grant.get("cardId").path("nullable").asBoolean()).as("cardId").isTrue();
        assertThat(grant.get("id").path("nullable").asBoolean()).as("id").isFalse();
        assertThat(schemas.get("PersonResponse").get("properties").get("phone").path("nullable").asBoolean()).isTrue();
        JsonNode events = document.get("paths").get("/api/v1/events").get("get");
        assertThat(events.get("parameters").findValuesAsText("name")).contains("cursor", "offset", "limit");
        assertThat(document.get("paths").get("/api/v1/grants").get("get").get("parameters").findValuesAsText("name")).contains("cursor");
        assertThat(document.get("paths").get("/api/v1/locks/{lockId}/events").get("get").get("parameters").findValuesAsText("name"))
                .contains("cursor");
        assertThat(schemas.has("PageLockEvent")).as(schemas.fieldNames().next()).isTrue();
        assertThat(schemas.get("PageLockEvent").get("properties").get("next_cursor").get("nullable").asBoolean()).isTrue();
        JsonNode plugin = document.get("paths").get(OpenApiConventions.PLUGIN_PATH);
        assertThat(plugin.fieldNames()).toIterable().contains("get", "post");
        assertThat(plugin.get("post").get("security")).isEmpty();
    }

    private static String run(List<String> command, int seconds) throws IOException, InterruptedException {
        Path err = Files.createTempFile("openapi-check", ".err");
        Process process = new ProcessBuilder(command).directory(INSTALLED.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + seconds + " s");
        }
        String errors = Files.readString(err);
        Files.delete(err);
        assertThat(process.exitValue()).as("%s failed: %s", String.join(" ", command), errors).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
