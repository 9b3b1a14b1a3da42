package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.idempotency.IdempotencyKeys;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.testing.RunningServer;
import dev.portier.web.api.ApiClient.Answer;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The API conventions of issue #17 over real HTTP: problem details on every kind of error, request ids,
 * Idempotency-Key (replay, another body, concurrent duplicates, expiry) and the per-token rate limit.
 */
class ApiConventionsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;
    @TempDir
    static Path limitedDir;
    static MutableClock clock = new MutableClock(Instant.now());
    static RunningServer server;
    static RunningServer limited;
    static String managerToken;
    static ApiClient manager;
    static ApiClient viewer;
    static String site;

    @BeforeAll
    static void start() {
        server = RunningServer.withAdmin(dir, clock);
        SignedInUser admin = ApiFixtures.admin(server);
        managerToken = ApiFixtures.token(server, admin, Role.MANAGER, "Manager token");
        manager = new ApiClient(server, managerToken);
        viewer = new ApiClient(server, ApiFixtures.token(server, admin, Role.VIEWER, "Viewer token"));
        site = manager.post("/api/v1/sites", ApiCrudIT.site("Harbour", "UTC")).id();
        limited = RunningServer.withAdmin(limitedDir, clock, 5);
    }

    @AfterAll
    static void stop() {
        server.close();
        limited.close();
    }

    // --- problem details ---

    @Test
    void everyKindOfErrorIsAProblemDetailsObjectWithAStableCodeAndTheFormerErrorText() {
        assertProblem(manager.post("/api/v1/sites", ApiCrudIT.site("Bad zone", "Mars/Olympus")), 400, "validation_failed", "timeZone");
        assertProblem(manager.send("POST", "/api/v1/sites", "{\"name\": "), 400, "malformed_json", null);
        assertProblem(manager.get("/api/v1/sites/no-such-site"), 404, "not_found", null);
        assertProblem(manager.get("/api/v1/nothing-here"), 404, "not_found", null);
        assertProblem(manager.withToken(null).get("/api/v1/sites"), 401, "unauthorized", null);
        assertProblem(manager.withToken("ptr_unknown").get("/api/v1/sites"), 401, "unauthorized", null);
        assertProblem(viewer.post("/api/v1/sites", ApiCrudIT.site("Viewer's", "UTC")), 403, "forbidden", null);
        assertProblem(manager.send("PATCH", "/api/v1/sites", "{}"), 405, "method_not_allowed", null);
        assertProblem(manager.send("GET", "/api/v1/sites", null, null, "text/html"), 406, "not_acceptable", null);
        assertProblem(manager.send("POST", "/api/v1/sites", "name=x", "application/x-www-form-urlencoded", null), 415,
                "unsupported_media_type", null);
        assertProblem(manager.send("POST", "/api/v1/sites", "{\"name\": \"" + "x".repeat(RequestBodyLimit.MAX_BYTES) + "\"}"), 413,
                "body_too_large", null);
        assertProblem(manager.get("/api/v1/sites?limit=zero"), 400, "validation_failed", "limit");
        assertProblem(manager.get("/api/v1/grants?status=weird"), 400, "invalid_parameter", "status");
        assertProblem(manager.get("/api/v1/events?cursor=not-a-cursor!"), 400, "invalid_cursor", "cursor");
    }

    @Test
    void anUnexpectedFailureIsAProblemWithoutItsStackTrace() {
        jakarta.ws.rs.core.Response response = new ApiExceptionMapper().toResponse(new IllegalStateException("secret internals"));
        ApiError body = (ApiError) response.getEntity();
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
        assertThat(body.code()).isEqualTo("internal_error");
        assertThat(body.type()).isEqualTo("https://portier.dev/problems/internal_error");
        assertThat(body.detail()).doesNotContain("secret internals");
    }

    @Test
    void jettysOwnRefusalsUnderApiAreProblemsWithARequestIdToo() throws IOException {
        String answer = raw("GET /api/v1/sites/%01 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).containsIgnoringCase("X-Request-Id: ");
        JsonNode body = ApiClient.JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.get("code").asText()).isEqualTo("bad_request");
        assertThat(body.get("type").asText()).isEqualTo("https://portier.dev/problems/bad_request");
        assertThat(body.get("error").asText()).isNotBlank();
    }

    private static void assertProblem(Answer answer, int status, String code, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.raw().headers().firstValue("Content-Type")).as(answer.toString())
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode body = answer.json();
        assertThat(body.get("type").asText()).isEqualTo("https://portier.dev/problems/" + code);
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("detail").asText()).isNotBlank().isEqualTo(body.get("error").asText());
        assertThat(answer.field()).isEqualTo(field);
        assertThat(answer.raw().headers().firstValue("X-Request-Id")).isPresent();
    }

    // --- request ids ---

    @Test
    void aSaneRequestIdIsEchoedAnOtherIsReplacedAndEveryAnswerHasOne() throws Exception {
        assertThat(header(send("GET", "/api/v1/sites", managerToken, null, Map.of("X-Request-Id", "order-4711.retry_2")),
                "X-Request-Id")).isEqualTo("order-4711.retry_2");
        String replaced = header(send("GET", "/api/v1/sites", managerToken, null, Map.of("X-Request-Id", "no spaces allowed")),
                "X-Request-Id");
        assertThat(replaced).matches("[0-9a-f-]{36}");
        for (String path : List.of("/api/v1/sites", "/api/v1/nothing", "/api/openapi.json", "/", "/sign-in", "/health", "/no-page")) {
            HttpResponse<String> answer = send("GET", path, null, null, Map.of());
            assertThat(header(answer, "X-Request-Id")).as(path + " " + answer.statusCode()).matches("[0-9a-f-]{36}");
        }
        assertThat(header(send("GET", "/api/v1/sites", null, null, Map.of()), "X-Request-Id")).isNotEqualTo(
                header(send("GET", "/api/v1/sites", null, null, Map.of()), "X-Request-Id"));
    }

    @Test
    void everyLogLineOfARequestCarriesItsRequestId() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger portier = (Logger) LoggerFactory.getLogger("dev.portier");
        Level before = portier.getLevel();
        // Thread name and MDC are taken when the line is logged (logback fills them lazily otherwise).
        ListAppender<ILoggingEvent> captured = new ListAppender<>() {
            @Override
            protected void append(ILoggingEvent event) {
                event.prepareForDeferredProcessing();
                super.append(event);
            }
        };
        captured.start();
        root.addAppender(captured);
        portier.setLevel(Level.DEBUG);
        try {
            send("POST", "/api/v1/sites", managerToken, ApiClient.JSON.writeValueAsString(ApiCrudIT.site("Logged", "UTC")),
                    Map.of("X-Request-Id", "logged-request-1"));
            send("GET", "/api/v1/sites/not-there", managerToken, null, Map.of("X-Request-Id", "logged-request-2"));
            // The access line is written after the answer went out.
            long until = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < until && List.copyOf(captured.list).stream()
                    .noneMatch(e -> e.getLoggerName().equals("dev.portier.web.access")
                            && "logged-request-2".equals(e.getMDCPropertyMap().get("requestId")))) {
                Thread.sleep(20);
            }
        } finally {
            portier.setLevel(before);
            root.detachAppender(captured);
        }
        // Every line Portier logged on the server's request threads (the pool is named portier-http).
        List<ILoggingEvent> ofRequests = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(captured.list)) {
            if (event.getThreadName().startsWith("portier-http") && event.getLoggerName().startsWith("dev.portier")) {
                ofRequests.add(event);
            }
        }
        assertThat(captured.list).as("all captured: %s", captured.list).isNotEmpty();
        Set<String> ids = new HashSet<>();
        ofRequests.forEach(e -> ids.add(e.getMDCPropertyMap().get("requestId")));
        assertThat(ofRequests).as("log lines written while serving the requests; captured: %s", List.copyOf(captured.list).stream()
                .map(e -> e.getThreadName() + " " + e.getLoggerName() + " " + e.getMDCPropertyMap() + " " + e.getFormattedMessage())
                .toList()).isNotEmpty();
        // A line may still arrive from an earlier test's request (its access line is written after its answer went
        // out); it carries that request's own id. No line of a request is ever without one.
        assertThat(ofRequests).allSatisfy(e -> assertThat(e.getMDCPropertyMap().get("requestId"))
                .as(e.getLoggerName() + ": " + e.getFormattedMessage()).isNotBlank());
        assertThat(ids).contains("logged-request-1", "logged-request-2");
        assertThat(ofRequests).anySatisfy(e -> {
            assertThat(e.getFormattedMessage()).startsWith("POST /api/v1/sites 201");
            assertThat(e.getMDCPropertyMap().get("requestId")).isEqualTo("logged-request-1");
        });
        assertThat(ofRequests).anySatisfy(e -> {
            assertThat(e.getFormattedMessage()).startsWith("GET /api/v1/sites/not-there 404");
            assertThat(e.getMDCPropertyMap().get("requestId")).isEqualTo("logged-request-2");
        });
        // Every line logged for the two requests' paths carries the id the client sent.
        assertThat(ofRequests).filteredOn(e -> e.getFormattedMessage().contains("/api/v1/sites"))
                .allSatisfy(e -> assertThat(e.getMDCPropertyMap().get("requestId")).isIn("logged-request-1", "logged-request-2"));
    }

    // --- Idempotency-Key ---

    @Test
    void theSameKeyAndBodyReplaysTheFirstAnswerAndCreatesNothingTwice() throws Exception {
        String body = ApiClient.JSON.writeValueAsString(ApiCrudIT.person("Idem Potent", "idem@example.com"));
        HttpResponse<String> first = send("POST", "/api/v1/people", managerToken, body, Map.of("Idempotency-Key", "create-idem-1"));
        HttpResponse<String> again = send("POST", "/api/v1/people", managerToken, body, Map.of("Idempotency-Key", "create-idem-1"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(header(again, "Location")).isEqualTo(header(first, "Location"));
        assertThat(header(again, "Idempotent-Replayed")).isEqualTo("true");
        assertThat(header(first, "Idempotent-Replayed")).isNull();
        assertThat(count(manager.get("/api/v1/people?search=Idem%20Potent"))).isEqualTo(1);
        // Kept sealed: answers may carry what is shown once (a webhook's secret, a phone's key).
        String stored = server.get(dev.portier.platform.db.Database.class).jdbi().withHandle(h -> h.createQuery(
                "SELECT body FROM idempotency_keys WHERE idem_key = 'create-idem-1'").mapTo(String.class).one());
        assertThat(stored).doesNotContain("Idem Potent").doesNotContain("idem@example.com");

        HttpResponse<String> other = send("POST", "/api/v1/people", managerToken,
                ApiClient.JSON.writeValueAsString(ApiCrudIT.person("Someone Else", "else@example.com")),
                Map.of("Idempotency-Key", "create-idem-1"));
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(ApiClient.JSON.readTree(other.body()).get("code").asText()).isEqualTo("idempotency_key_reused");
        assertThat(count(manager.get("/api/v1/people?search=Someone%20Else"))).isZero();

        // Another token's key space is its own.
        String otherToken = ApiFixtures.token(server, ApiFixtures.admin(server), Role.MANAGER, "Second manager");
        HttpResponse<String> elsewhere = send("POST", "/api/v1/people", otherToken,
                ApiClient.JSON.writeValueAsString(ApiCrudIT.person("Other Caller", "other@example.com")),
                Map.of("Idempotency-Key", "create-idem-1"));
        assertThat(elsewhere.statusCode()).isEqualTo(201);
    }

    @Test
    void aRefusalIsReplayedTooButAServerFailureIsNotKept() throws Exception {
        String bad = ApiClient.JSON.writeValueAsString(ApiCrudIT.site("Bad", "Mars/Olympus"));
        HttpResponse<String> first = send("POST", "/api/v1/sites", managerToken, bad, Map.of("Idempotency-Key", "bad-site"));
        HttpResponse<String> again = send("POST", "/api/v1/sites", managerToken, bad, Map.of("Idempotency-Key", "bad-site"));
        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(header(again, "Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void concurrentDuplicatesRunOnceTheOthersAreToldItIsInProgressOrGetTheReplay() throws Exception {
        String body = ApiClient.JSON.writeValueAsString(ApiCrudIT.site("Concurrent", "UTC"));
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return send("POST", "/api/v1/sites", managerToken, body, Map.of("Idempotency-Key", "concurrent-site"));
                }));
            }
            go.countDown();
            Set<String> createdIds = new HashSet<>();
            int created = 0;
            for (Future<HttpResponse<String>> future : answers) {
                HttpResponse<String> answer = future.get();
                assertThat(answer.statusCode()).as(answer.body()).isIn(201, 409);
                if (answer.statusCode() == 201) {
                    created++;
                    createdIds.add(ApiClient.JSON.readTree(answer.body()).get("id").asText());
                } else {
                    assertThat(ApiClient.JSON.readTree(answer.body()).get("code").asText()).isEqualTo("idempotency_key_in_use");
                    assertThat(header(answer, "Retry-After")).isEqualTo("1");
                }
            }
            assertThat(created).isPositive();
            assertThat(createdIds).as("every 201 is the same site").hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count(manager.get("/api/v1/sites?search=Concurrent"))).as("the site was created once").isEqualTo(1);
        HttpResponse<String> later = send("POST", "/api/v1/sites", managerToken, body, Map.of("Idempotency-Key", "concurrent-site"));
        assertThat(later.statusCode()).isEqualTo(201);
        assertThat(header(later, "Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void keysExpireAfter24HoursAndAreCleanedUp() throws Exception {
        String body = ApiClient.JSON.writeValueAsString(ApiCrudIT.site("Expiring", "UTC"));
        assertThat(send("POST", "/api/v1/sites", managerToken, body, Map.of("Idempotency-Key", "expiring")).statusCode()).isEqualTo(201);
        clock.advance(Duration.ofHours(24).plusMinutes(1));
        assertThat(server.get(IdempotencyKeys.class).deleteExpired()).isPositive();
        HttpResponse<String> after = send("POST", "/api/v1/sites", managerToken,
                ApiClient.JSON.writeValueAsString(ApiCrudIT.site("Expiring later", "UTC")), Map.of("Idempotency-Key", "expiring"));
        assertThat(after.statusCode()).as("an expired key is free again").isEqualTo(201);
        assertThat(header(after, "Idempotent-Replayed")).isNull();
    }

    @Test
    void anUnusableKeyIsRefused() throws Exception {
        for (String key : List.of("x".repeat(256), "tab\there")) {
            HttpResponse<String> answer = send("POST", "/api/v1/sites", managerToken,
                    ApiClient.JSON.writeValueAsString(ApiCrudIT.site("Never", "UTC")), Map.of("Idempotency-Key", key));
            assertThat(answer.statusCode()).as(key).isEqualTo(400);
            JsonNode problem = ApiClient.JSON.readTree(answer.body());
            assertThat(problem.get("code").asText()).isEqualTo("invalid_idempotency_key");
            assertThat(problem.get("field").asText()).isEqualTo("Idempotency-Key");
        }
        String body = "{\"name\":\"Never\",\"timeZone\":\"UTC\"}";
        String answer = raw("POST /api/v1/sites HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + managerToken
                + "\r\nIdempotency-Key: \u00c3\u00bcn\u00c3\u00afcode\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(answer).as("a key of UTF-8 bytes").startsWith("HTTP/1.1 400").contains("invalid_idempotency_key");
        assertThat(count(manager.get("/api/v1/sites?search=Never"))).isZero();
    }

    // --- rate limit ---

    @Test
    void overTheLimitIs429WithRetryAfterAndTheHeadersCountDown() throws Exception {
        SignedInUser admin = ApiFixtures.admin(limited);
        String token = ApiFixtures.token(limited, admin, Role.VIEWER, "Busy");
        String calm = ApiFixtures.token(limited, admin, Role.VIEWER, "Calm");
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(sendTo(limited, "GET", "/api/v1/sites", token, null, Map.of()));
        }
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> answer = answers.get(i);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(header(answer, "RateLimit-Limit")).isEqualTo("5");
            assertThat(Integer.parseInt(header(answer, "RateLimit-Remaining"))).as("request " + i).isEqualTo(4 - i);
            assertThat(Long.parseLong(header(answer, "RateLimit-Reset"))).isBetween(1L, 60L);
            assertThat(header(answer, "RateLimit-Policy")).isEqualTo("\"per-credential\";q=5;w=60");
            assertThat(header(answer, "RateLimit")).startsWith("\"per-credential\";r=" + (4 - i) + ";t=");
        }
        HttpResponse<String> refused = answers.get(5);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(header(refused, "Content-Type")).startsWith("application/problem+json");
        assertThat(ApiClient.JSON.readTree(refused.body()).get("code").asText()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(header(refused, "Retry-After"))).isBetween(1L, 12L);
        assertThat(header(refused, "RateLimit-Remaining")).isEqualTo("0");
        assertThat(sendTo(limited, "GET", "/api/v1/sites", calm, null, Map.of()).statusCode()).as("another token").isEqualTo(200);
        assertThat(sendTo(limited, "GET", "/api/v1/sites", null, null, Map.of()).statusCode()).as("strangers get 401").isEqualTo(401);
    }

    // --- helpers ---

    private static int count(Answer list) {
        return list.json().get("total").asInt();
    }

    private static String header(HttpResponse<String> answer, String name) {
        return answer.headers().firstValue(name).orElse(null);
    }

    private static HttpResponse<String> send(String method, String path, String token, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        return sendTo(server, method, path, token, body, headers);
    }

    static HttpResponse<String> sendTo(RunningServer target, String method, String path, String token, String body,
            Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url(path))).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String raw(String request) throws IOException {
        URI base = URI.create(server.url("/"));
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
