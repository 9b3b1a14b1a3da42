package dev.portier.plugins.tapkey.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portier.plugins.tapkey.simulator.TapkeyWorld.ApiFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tapkey's login and Access Management Web API over real HTTP on a loopback port, as far as the facts
 * sheet describes them: {@code POST /connect/token} (client credentials, expiring tokens, scopes) and,
 * under {@code /api/v1/} (paths case-insensitive), owners, bound locks, contacts, grants (PUT creates a new
 * object on every call; Revoke, DeleteFromCard), bound cards and log entries — bare JSON arrays with
 * OData {@code $skip/$top/$filter/$select/$orderby}. Errors come with a JSON body of a changing, arbitrary
 * shape, so clients cannot come to depend on one. The state is a {@link TapkeyWorld}; faults are injected
 * per request ({@link #failNext}). Where Tapkey's behaviour is unknown it is switchable: the status of a
 * missing scope (401/403), of an owner the client does not co-administer (403/404), which revoke verbs are
 * accepted, the token lifetime, the cap on {@code $top}. Thread-safe.
 */
public final class TapkeySimulator implements AutoCloseable {

    /** A fault for one coming request. */
    public enum Fault {
        /** Carries out the request, then drops the connection without an answer (a lost response). */
        DROP_AFTER_COMMIT,
        /** Carries out the request, then answers nothing until the client gives up. */
        TIMEOUT_AFTER_COMMIT,
        /** 500 with an HTML body, without carrying anything out. */
        SERVER_ERROR,
        /** 503 with {@code Retry-After}, without carrying anything out. */
        SERVICE_UNAVAILABLE,
        /** 429 with {@code Retry-After}, without carrying anything out. */
        TOO_MANY_REQUESTS,
        /** Every token issued so far expires now (a token expiring mid-sync); the request meets 401. */
        EXPIRE_TOKENS,
        /** 402 Payment Required (a plan limit). */
        PAYMENT_REQUIRED,
        /** 409 Conflict (concurrent modification). */
        CONFLICT
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService handlers;
    private final Clock clock;
    private final TapkeyWorld world;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<PlannedFault> faults = new ConcurrentLinkedQueue<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger errorShape = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Duration tokenLifetime = Duration.ofHours(1);
    private volatile int missingScopeStatus = 403;
    private volatile int foreignOwnerStatus = 403;
    private volatile int badClientStatus = 400;
    private volatile int retryAfterSeconds = 1;
    private volatile int maxTop = 1000;
    private volatile Set<String> revokeVerbs = Set.of("POST");

    private record Client(String secret, Set<String> scopes) {
    }

    private record Token(String clientId, Set<String> scopes, Instant expiresAt) {
    }

    private record PlannedFault(Fault fault, String method) {
    }

    private TapkeySimulator(Clock clock) throws IOException {
        this.clock = clock;
        this.world = new TapkeyWorld(clock);
        this.handlers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "tapkey-simulator-http");
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** An empty Tapkey on a free loopback port, on {@code clock}. */
    public static TapkeySimulator start(Clock clock) {
        try {
            return new TapkeySimulator(clock);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the Tapkey simulator on loopback", e);
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}: tokens at {@code /connect/token}, the API at {@code /api/v1/}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String tokenUrl() {
        return url() + "/connect/token";
    }

    public String apiUrl() {
        return url() + "/api/v1/";
    }

    public TapkeyWorld world() {
        return world;
    }

    /** A client-credentials client (its service account) that may ask for {@code scopes}. */
    public void addClient(String clientId, String secret, String... scopes) {
        clients.put(clientId, new Client(secret, Set.of(scopes)));
    }

    public void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    /** The status of a call whose token lacks the endpoint's scope: 403 (default) or 401. */
    public void missingScopeStatus(int status) {
        this.missingScopeStatus = status;
    }

    /** The status of a call on an owner account the client does not co-administer: 403 (default) or 404. */
    public void foreignOwnerStatus(int status) {
        this.foreignOwnerStatus = status;
    }

    /** The status the token endpoint answers for an unknown client or wrong secret: 400 (default) or 401. */
    public void badClientStatus(int status) {
        this.badClientStatus = status;
    }

    public void retryAfterSeconds(int seconds) {
        this.retryAfterSeconds = seconds;
    }

    /** The most entries one list answer holds, whatever {@code $top} asks. */
    public void maxTop(int max) {
        this.maxTop = max;
    }

    /** Which verbs {@code …/Grants/{id}/Revoke} accepts; others get 405. Default POST only. */
    public void revokeVerbs(String... verbs) {
        this.revokeVerbs = Set.of(verbs);
    }

    /** The next API request (any method) meets {@code fault}. Faults queue up. */
    public void failNext(Fault fault) {
        faults.add(new PlannedFault(fault, null));
    }

    /** The next API request with {@code method} (e.g. PUT: a create) meets {@code fault}. */
    public void failNext(String method, Fault fault) {
        faults.add(new PlannedFault(fault, method));
    }

    /** Every API and token request so far, as "METHOD /path?query", in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** How many requests so far had this method and a path containing {@code pathPart} (case-insensitive). */
    public long count(String method, String pathPart) {
        String part = pathPart.toLowerCase(Locale.ROOT);
        return requests.stream().filter(r -> r.startsWith(method + " ") && r.toLowerCase(Locale.ROOT).contains(part)).count();
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean answered = false;
        try {
            String path = exchange.getRequestURI().getRawPath();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            requests.add(exchange.getRequestMethod() + " " + path + (rawQuery == null ? "" : "?" + rawQuery));
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equalsIgnoreCase("/connect/token")) {
                answered = token(exchange, body);
                return;
            }
            if (!path.toLowerCase(Locale.ROOT).startsWith("/api/v1/")) {
                answered = error(exchange, 404, "no such endpoint");
                return;
            }
            PlannedFault planned = nextFault(exchange.getRequestMethod());
            Fault fault = planned == null ? null : planned.fault();
            if (fault == Fault.EXPIRE_TOKENS) {
                tokens.replaceAll((value, token) -> new Token(token.clientId(), token.scopes(), clock.instant().minusSeconds(1)));
            }
            Token token = bearer(exchange);
            if (token == null) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                answered = error(exchange, 401, "The access token is missing, invalid or expired");
                return;
            }
            switch (fault) {
                case SERVER_ERROR -> {
                    answered = send(exchange, 500, "text/html", "<html><body>Internal Server Error</body></html>".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                case SERVICE_UNAVAILABLE, TOO_MANY_REQUESTS -> {
                    exchange.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
                    answered = error(exchange, fault == Fault.TOO_MANY_REQUESTS ? 429 : 503, "Slow down");
                    return;
                }
                case PAYMENT_REQUIRED -> {
                    answered = error(exchange, 402, "PaymentRequired: the plan's limit is reached");
                    return;
                }
                case CONFLICT -> {
                    answered = error(exchange, 409, "Conflict: concurrent modification");
                    return;
                }
                case null, default -> { }
            }
            Answer answer;
            try {
                answer = api(exchange.getRequestMethod(), path.substring("/api/v1/".length()), rawQuery, body, token);
            } catch (ApiFailure failure) {
                answered = error(exchange, failure.status, failure.getMessage());
                return;
            } catch (IllegalArgumentException e) {
                answered = error(exchange, 400, e.getMessage());
                return;
            }
            if (fault == Fault.DROP_AFTER_COMMIT) {
                throw new IOException("response dropped after commit (simulated)");
            }
            if (fault == Fault.TIMEOUT_AFTER_COMMIT) {
                closed.await(30, TimeUnit.SECONDS);
                return;
            }
            if (answer.allow() != null) {
                exchange.getResponseHeaders().set("Allow", answer.allow());
            }
            answered = answer.body() == null ? send(exchange, answer.status(), "application/json", new byte[0])
                    : send(exchange, answer.status(), "application/json", JSON.writeValueAsBytes(answer.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (answered) {
                exchange.close();
            }
            // Not answered: the server drops the connection when the handler throws or returns.
        }
    }

    private PlannedFault nextFault(String method) {
        for (PlannedFault planned : faults) {
            if (planned.method() == null || planned.method().equalsIgnoreCase(method)) {
                if (faults.remove(planned)) {
                    return planned;
                }
            }
        }
        return null;
    }

    private record Answer(int status, JsonNode body, String allow) {
        static Answer ok(JsonNode body) {
            return new Answer(200, body, null);
        }
    }

    private Answer api(String method, String rawPath, String rawQuery, byte[] body, Token token) throws IOException {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(URLDecoder.decode(segment, StandardCharsets.UTF_8));
            }
        }
        ODataQuery query = ODataQuery.parse(rawQuery);
        if (segments.isEmpty() || !segments.getFirst().equalsIgnoreCase("owners")) {
            throw new ApiFailure(404, "no such endpoint");
        }
        if (segments.size() == 1) {
            requireVerb(method, "GET");
            scope(token, "read:owneraccounts");
            return Answer.ok(query.apply(world.ownersOf(token.clientId()), maxTop));
        }
        String owner = segments.get(1);
        if (!world.coAdministers(token.clientId(), owner)) {
            throw new ApiFailure(foreignOwnerStatus, "The caller may not manage owner account " + owner);
        }
        if (segments.size() == 2) {
            requireVerb(method, "GET");
            scope(token, "read:owneraccounts");
            return Answer.ok(world.owner(owner).json());
        }
        String collection = segments.get(2).toLowerCase(Locale.ROOT);
        String id = segments.size() > 3 ? segments.get(3) : null;
        String action = segments.size() > 4 ? segments.get(4).toLowerCase(Locale.ROOT) : null;
        if (segments.size() > 5) {
            throw new ApiFailure(404, "no such endpoint");
        }
        return switch (collection) {
            case "boundlocks" -> {
                if (id == null && method.equals("PUT")) {
                    scope(token, "write:core:entities");
                    throw new ApiFailure(400, "Binding by binding code is not simulated: bind locks through the test hooks");
                }
                requireVerb(method, "GET");
                scope(token, "read:core:entities");
                yield id == null ? Answer.ok(query.apply(world.boundLocks(owner, query.expands("supportedFeatures")), maxTop))
                        : Answer.ok(world.boundLock(owner, id, query.expands("supportedFeatures")));
            }
            case "contacts" -> contacts(method, owner, id, action, query, body, token);
            case "boundcards" -> cards(method, owner, id, action, query, body, token);
            case "grants" -> grants(method, owner, id, action, query, body, token);
            case "logentries" -> {
                requireVerb(method, "GET");
                scope(token, "read:logs");
                yield Answer.ok(query.apply(world.logEntries(owner), maxTop));
            }
            default -> throw new ApiFailure(404, "no such endpoint");
        };
    }

    private Answer contacts(String method, String owner, String id, String action, ODataQuery query, byte[] body, Token token)
            throws IOException {
        if (id == null) {
            if (method.equals("PUT")) {
                scope(token, "write:core:entities");
                return Answer.ok(world.createContact(owner, object(body)));
            }
            requireVerb(method, "GET");
            scope(token, "read:core:entities");
            return Answer.ok(query.apply(world.contactList(owner), maxTop));
        }
        if ("revokegrants".equals(action)) {
            requireVerb(method, "POST");
            scope(token, "write:grants");
            world.revokeAll(owner, id, null);
            return new Answer(204, null, null);
        }
        if (action != null) {
            throw new ApiFailure(404, "no such endpoint");
        }
        if (method.equals("PATCH")) {
            scope(token, "write:core:entities");
            return Answer.ok(world.patchContact(owner, id, object(body)));
        }
        requireVerb(method, "GET");
        scope(token, "read:core:entities");
        return Answer.ok(world.contact(owner, id));
    }

    private Answer cards(String method, String owner, String id, String action, ODataQuery query, byte[] body, Token token)
            throws IOException {
        if (id == null) {
            requireVerb(method, "GET");
            scope(token, "read:core:entities");
            return Answer.ok(query.apply(world.cardList(owner), maxTop));
        }
        if ("grants".equals(action)) {
            requireVerb(method, "GET");
            scope(token, "read:grants");
            return Answer.ok(query.apply(world.grantsOfCard(owner, id), maxTop));
        }
        if ("revokegrants".equals(action)) {
            requireVerb(method, "POST");
            scope(token, "write:grants");
            world.revokeAll(owner, null, id);
            return new Answer(204, null, null);
        }
        if (action != null) {
            throw new ApiFailure(404, "no such endpoint");
        }
        if (method.equals("PATCH")) {
            scope(token, "write:core:entities");
            world.patchCard(owner, id, object(body));
            return new Answer(204, null, null);
        }
        requireVerb(method, "GET");
        scope(token, "read:core:entities");
        return Answer.ok(world.card(owner, id));
    }

    private Answer grants(String method, String owner, String id, String action, ODataQuery query, byte[] body, Token token)
            throws IOException {
        if (id == null) {
            if (method.equals("PUT")) {
                scope(token, "write:grants");
                return Answer.ok(world.createGrant(owner, object(body)));
            }
            requireVerb(method, "GET");
            scope(token, "read:grants");
            return Answer.ok(query.apply(world.grantList(owner), maxTop));
        }
        if ("revoke".equals(action)) {
            if (!revokeVerbs.contains(method)) {
                return new Answer(405, JSON.createObjectNode().put("Message", "The requested resource does not support http method '"
                        + method + "'."), String.join(", ", revokeVerbs));
            }
            scope(token, "write:grants");
            return Answer.ok(world.revoke(owner, id));
        }
        if ("deletefromcard".equals(action)) {
            requireVerb(method, "POST");
            scope(token, "write:grants");
            return Answer.ok(world.deleteFromCard(owner, id));
        }
        if (action != null) {
            throw new ApiFailure(404, "no such endpoint");
        }
        requireVerb(method, "GET");
        scope(token, "read:grants");
        return Answer.ok(world.grant(owner, id));
    }

    private static void requireVerb(String method, String expected) {
        if (!method.equals(expected)) {
            throw new ApiFailure(405, "Method " + method + " is not allowed here");
        }
    }

    private void scope(Token token, String scope) {
        if (!token.scopes().contains(scope)) {
            throw new ApiFailure(missingScopeStatus, "The token lacks the scope " + scope);
        }
    }

    private static ObjectNode object(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // answered below
        }
        throw new ApiFailure(400, "The body is not a JSON object");
    }

    private Token bearer(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        Token token = tokens.get(authorization.substring("Bearer ".length()).trim());
        return token == null || !clock.instant().isBefore(token.expiresAt()) ? null : token;
    }

    private boolean token(HttpExchange exchange, byte[] body) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            return error(exchange, 405, "POST the token request");
        }
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return oauthError(exchange, 400, "unsupported_grant_type");
        }
        Client client = clients.get(form.getOrDefault("client_id", ""));
        if (client == null || !client.secret().equals(form.get("client_secret"))) {
            return oauthError(exchange, badClientStatus, "invalid_client");
        }
        String asked = form.getOrDefault("scope", "").trim();
        Set<String> scopes = asked.isEmpty() ? client.scopes() : new HashSet<>(Arrays.asList(asked.split("\\s+")));
        if (!client.scopes().containsAll(scopes)) {
            return oauthError(exchange, 400, "invalid_scope");
        }
        String value = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        Duration lifetime = tokenLifetime;
        tokens.put(value, new Token(form.get("client_id"), Set.copyOf(scopes), clock.instant().plus(lifetime)));
        tokensIssued.incrementAndGet();
        ObjectNode answer = JSON.createObjectNode().put("access_token", value).put("expires_in", lifetime.toSeconds())
                .put("token_type", "Bearer").put("scope", String.join(" ", scopes));
        return send(exchange, 200, "application/json", JSON.writeValueAsBytes(answer));
    }

    private static boolean oauthError(HttpExchange exchange, int status, String error) throws IOException {
        return send(exchange, status, "application/json", JSON.writeValueAsBytes(Map.of("error", error)));
    }

    /** An error with a body whose shape changes from one error to the next. */
    private boolean error(HttpExchange exchange, int status, String message) throws IOException {
        return switch (errorShape.getAndIncrement() % 4) {
            case 0 -> send(exchange, status, "application/json", JSON.writeValueAsBytes(Map.of("message", message, "code", status)));
            case 1 -> send(exchange, status, "application/json", JSON.writeValueAsBytes(
                    Map.of("errors", List.of(Map.of("detail", message)), "traceId", UUID.randomUUID().toString())));
            case 2 -> send(exchange, status, "text/plain", message.getBytes(StandardCharsets.UTF_8));
            default -> send(exchange, status, "application/json", JSON.writeValueAsBytes(Map.of("Error", Map.of("Message", message))));
        };
    }

    private static boolean send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        return true;
    }
}
