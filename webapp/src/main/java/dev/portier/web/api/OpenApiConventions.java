package dev.portier.web.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the generated OpenAPI document says beyond the resources' annotations: the problem responses of
 * every operation, the {@code Idempotency-Key} parameter of every POST, the request-id and rate-limit
 * headers of every answer, the mobile API's device scheme (and none for registering a phone), nullable
 * response fields, and the plugin endpoints' routed path.
 */
final class OpenApiConventions {

    static final String PLUGIN_PATH = "/api/plugins/{pluginId}/connections/{connectionId}/{endpoint}";
    private static final String MOBILE_PREFIX = "/" + DeviceAuthentication.MOBILE;
    /** Fields that are never null in any answer. */
    private static final Set<String> NEVER_NULL = Set.of("id", "createdAt", "name", "items", "total", "limit");

    private OpenApiConventions() {
    }

    static void apply(OpenAPI document, List<Class<?>> resources) {
        Components components = document.getComponents();
        headers(components);
        responses(components);
        components.addParameters("IdempotencyKey", new HeaderParameter().name(IdempotencyFilter.HEADER).required(false)
                .description("Makes the POST safe to retry: the same key with the same request replays the first answer for "
                        + "24 hours; with another request it is a 422. 1 to 255 printable ASCII characters, e.g. a UUID.")
                .schema(new StringSchema().minLength(1).maxLength(IdempotencyFilter.MAX_KEY_LENGTH)));
        components.addParameters("RequestId", new HeaderParameter().name("X-Request-Id").required(false)
                .description("Your id for this request, echoed in X-Request-Id and written with Portier's log lines; "
                        + "1 to 64 characters of A-Za-z0-9._- (anything else is replaced by a new UUID)")
                .schema(new StringSchema().pattern("^[A-Za-z0-9._-]{1,64}$")));
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            boolean mobile = path.equals(MOBILE_PREFIX) || path.startsWith(MOBILE_PREFIX + "/");
            boolean open = mobile && method == PathItem.HttpMethod.POST && path.equals(MOBILE_PREFIX + "/devices");
            if (mobile) {
                operation.setSecurity(open ? new ArrayList<>() : List.of(new SecurityRequirement().addList(OpenApiDocument.DEVICE)));
            }
            operation.addParametersItem(new Parameter().$ref("#/components/parameters/RequestId"));
            if (method == PathItem.HttpMethod.POST) {
                operation.addParametersItem(new Parameter().$ref("#/components/parameters/IdempotencyKey"));
            }
            ApiResponses answers = operation.getResponses();
            answers.values().forEach(OpenApiConventions::withCommonHeaders);
            problem(answers, "400", "BadRequest");
            if (!open) {
                problem(answers, "401", "Unauthorized");
                problem(answers, "403", "Forbidden");
                problem(answers, "429", "TooManyRequests");
            }
            problem(answers, "404", "NotFound");
            problem(answers, "406", "NotAcceptable");
            if (operation.getRequestBody() != null) {
                problem(answers, "413", "PayloadTooLarge");
                problem(answers, "415", "UnsupportedMediaType");
            }
            if (method == PathItem.HttpMethod.POST) {
                problem(answers, "409", "Conflict");
                problem(answers, "422", "IdempotencyKeyReused");
            } else if (method != PathItem.HttpMethod.GET) {
                problem(answers, "409", "Conflict");
            }
            problem(answers, "500", "InternalError");
            answers.addApiResponse("default", ref("OtherError"));
        }));
        nullableFields(components, resources);
    }

    /** The plugin endpoints: one routed pattern; each connection of a plugin with endpoints answers under it. */
    static void addPluginEndpoints(Paths paths) {
        PathItem item = new PathItem()
                .summary("A plugin endpoint of one connection")
                .description("Vendors call these URLs (webhooks, check-access): the host resolves the connection — it must "
                        + "run now on a driver of plugin pluginId, else 404 — and hands the request to that connection's driver, "
                        + "which authenticates it and answers. `endpoint` is the rest of the path and may contain slashes; "
                        + "which endpoints exist is up to the plugin (see its README). Each connection has its own: "
                        + "GET /api/v1/connections lists the connections (id, driverId) whose endpoints live here. "
                        + "Bodies over 1 MiB are 413; a failing handler 502, an overrunning one 504, busy drivers 503.")
                .addParametersItem(new PathParameter().name("pluginId").schema(new StringSchema()).example("unloc"))
                .addParametersItem(new PathParameter().name("connectionId").schema(new StringSchema()))
                .addParametersItem(new PathParameter().name("endpoint").schema(new StringSchema())
                        .description("The endpoint's path below the connection, as the plugin defines it"));
        for (PathItem.HttpMethod method : List.of(PathItem.HttpMethod.GET, PathItem.HttpMethod.POST)) {
            ApiResponses answers = new ApiResponses()
                    .addApiResponse("200", new ApiResponse().description("The driver's answer, as the plugin defines it"))
                    .addApiResponse("404", ref("NotFound"))
                    .addApiResponse("default", new ApiResponse().description("413, 502, 503 or 504 as above, or the driver's own "
                            + "refusal")
                            .content(new Content().addMediaType("application/json", new MediaType().schema(new Schema<>()
                                    .$ref("#/components/schemas/" + OpenApiDocument.ERROR_SCHEMA)))));
            Operation operation = new Operation().operationId((method == PathItem.HttpMethod.GET ? "get" : "post") + "PluginEndpoint")
                    .addTagsItem("Plugin endpoints").security(new ArrayList<>()).responses(answers);
            if (method == PathItem.HttpMethod.POST) {
                operation.requestBody(new io.swagger.v3.oas.models.parameters.RequestBody().description("As the plugin defines it")
                        .content(new Content().addMediaType("*/*", new MediaType().schema(new Schema<>().type("string").format("binary")))));
            }
            item.operation(method, operation);
        }
        paths.addPathItem(PLUGIN_PATH, item);
    }

    private static void headers(Components components) {
        components.addHeaders("X-Request-Id", new Header().description("This request's id: the caller's X-Request-Id when sane, "
                + "else a new UUID; Portier's log lines for the request carry it").schema(new StringSchema()));
        components.addHeaders("RateLimit-Limit", new Header().description("Requests a minute this token may make (the burst)")
                .schema(new IntegerSchema()));
        components.addHeaders("RateLimit-Remaining", new Header().description("Requests this token may still make right now")
                .schema(new IntegerSchema()));
        components.addHeaders("RateLimit-Reset", new Header().description("Seconds until the allowance is full again")
                .schema(new IntegerSchema()));
        components.addHeaders("RateLimit-Policy", new Header().description("The policy, as draft-ietf-httpapi-ratelimit-headers "
                + "writes it: \"per-credential\";q=<limit>;w=60").schema(new StringSchema()));
        components.addHeaders("RateLimit", new Header().description("The current allowance, as the draft writes it: "
                + "\"per-credential\";r=<remaining>;t=<seconds until full>").schema(new StringSchema()));
        components.addHeaders("Retry-After", new Header().description("Seconds to wait before trying again")
                .schema(new IntegerSchema()));
        components.addHeaders("Idempotent-Replayed", new Header().description("true when this is the stored answer of an "
                + "earlier request with the same Idempotency-Key").schema(new StringSchema()._enum(List.of("true"))));
    }

    private static final Map<String, Object[]> PROBLEMS = problems();

    private static Map<String, Object[]> problems() {
        Map<String, Object[]> all = new LinkedHashMap<>();
        all.put("BadRequest", new Object[] {"Invalid input: validation_failed, malformed_json, invalid_parameter, invalid_cursor, "
                + "invalid_idempotency_key or bad_request; field names the input to blame", false});
        all.put("Unauthorized", new Object[] {"No usable token (unauthorized)", false});
        all.put("Forbidden", new Object[] {"The token's role may not do this (forbidden)", false});
        all.put("NotFound", new Object[] {"Nothing at this address, or not in this account (not_found)", false});
        all.put("NotAcceptable", new Object[] {"The answer cannot be given in an accepted media type (not_acceptable)", false});
        all.put("Conflict", new Object[] {"Conflicts with the current state (conflict), or the first request with this "
                + "Idempotency-Key is still running (idempotency_key_in_use, with Retry-After)", true});
        all.put("PayloadTooLarge", new Object[] {"The body is over 1 MiB (body_too_large)", false});
        all.put("UnsupportedMediaType", new Object[] {"Send the body as application/json (unsupported_media_type)", false});
        all.put("IdempotencyKeyReused", new Object[] {"The Idempotency-Key was used with another request (idempotency_key_reused)",
                false});
        all.put("TooManyRequests", new Object[] {"Over the token's rate limit (rate_limited); wait Retry-After seconds", true});
        all.put("InternalError", new Object[] {"Portier failed unexpectedly (internal_error); logged under the X-Request-Id", false});
        all.put("OtherError", new Object[] {"Any other error: 405 method_not_allowed, 502 vendor_failed, 503 unavailable", false});
        return all;
    }

    private static void responses(Components components) {
        PROBLEMS.forEach((name, spec) -> {
            ApiResponse response = new ApiResponse().description((String) spec[0])
                    .content(new Content().addMediaType(ApiError.MEDIA_TYPE, new MediaType().schema(new Schema<>()
                            .$ref("#/components/schemas/" + OpenApiDocument.ERROR_SCHEMA))));
            withCommonHeaders(response);
            if ((Boolean) spec[1]) {
                response.addHeaderObject("Retry-After", new Header().$ref("#/components/headers/Retry-After"));
            }
            components.addResponses(name, response);
        });
    }

    /**
     * Adds the shared problem response for {@code status}, or, where the operation describes that status itself,
     * keeps its description and gives it the problem body and headers.
     */
    private static void problem(ApiResponses answers, String status, String name) {
        ApiResponse own = answers.get(status);
        if (own == null) {
            answers.addApiResponse(status, ref(name));
            return;
        }
        if (own.getContent() == null || own.getContent().isEmpty()) {
            own.setContent(new Content().addMediaType(ApiError.MEDIA_TYPE, new MediaType().schema(new Schema<>()
                    .$ref("#/components/schemas/" + OpenApiDocument.ERROR_SCHEMA))));
        }
    }

    private static ApiResponse ref(String name) {
        return new ApiResponse().$ref("#/components/responses/" + name);
    }

    private static void withCommonHeaders(ApiResponse response) {
        if (response.get$ref() != null) {
            return;
        }
        for (String header : List.of("X-Request-Id", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy",
                "RateLimit")) {
            response.addHeaderObject(header, new Header().$ref("#/components/headers/" + header));
        }
    }

    /**
     * Marks as nullable every reference-typed field of the answers' records that is not annotated otherwise and
     * is not one of {@link #NEVER_NULL} or a list or map (those are empty, never null): Portier writes absent
     * values as JSON null.
     */
    private static void nullableFields(Components components, List<Class<?>> resources) {
        Map<String, Class<?>> records = new LinkedHashMap<>();
        Set<Type> seen = new HashSet<>();
        for (Class<?> resource : resources) {
            for (java.lang.reflect.Method method : resource.getMethods()) {
                collect(method.getGenericReturnType(), records, seen);
            }
        }
        records.forEach((name, type) -> {
            Schema<?> schema = components.getSchemas() == null ? null : components.getSchemas().get(name);
            if (schema == null || schema.getProperties() == null) {
                return;
            }
            for (RecordComponent component : type.getRecordComponents()) {
                Schema<?> property = schema.getProperties().get(jsonName(component));
                if (property == null || component.getType().isPrimitive() || NEVER_NULL.contains(component.getName())
                        || Collection.class.isAssignableFrom(component.getType()) || Map.class.isAssignableFrom(component.getType())
                        || schema.getRequired() != null && schema.getRequired().contains(jsonName(component))) {
                    continue;
                }
                io.swagger.v3.oas.annotations.media.Schema annotation =
                        component.getAccessor().getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
                if (annotation == null) {
                    annotation = component.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
                }
                if (annotation != null && annotation.requiredMode() == io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED) {
                    continue;
                }
                if (property.get$ref() == null) {
                    property.setNullable(true);
                }
            }
        });
    }

    private static String jsonName(RecordComponent component) {
        com.fasterxml.jackson.annotation.JsonProperty renamed = component.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
        return renamed == null || renamed.value().isEmpty() ? component.getName() : renamed.value();
    }

    private static void collect(Type type, Map<String, Class<?>> records, Set<Type> seen) {
        if (!seen.add(type)) {
            return;
        }
        if (type instanceof ParameterizedType parameterized) {
            collect(parameterized.getRawType(), records, seen);
            for (Type argument : parameterized.getActualTypeArguments()) {
                collect(argument, records, seen);
            }
            return;
        }
        if (type instanceof Class<?> c && c.isRecord() && c.getName().startsWith("dev.portier.")) {
            io.swagger.v3.oas.annotations.media.Schema named = c.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
            records.put(named != null && !named.name().isEmpty() ? named.name() : c.getSimpleName(), c);
            for (RecordComponent component : c.getRecordComponents()) {
                collect(component.getGenericType(), records, seen);
            }
        }
    }
}
