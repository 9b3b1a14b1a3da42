package dev.portier.plugins.invue.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * InVue's LIVE Lock API as far as it is published — {@code POST /v1/dlock} — on a loopback port with real
 * HTTP, plus the factory that makes simulated locks ({@link #manufacture}). It checks
 * {@code Authorization: Bearer <API key>} (else 401), the body's fields and the certificate owner (else
 * 400), the provisioning code of the serial (else 400), refuses a serial registered before (409 or 400,
 * {@link #duplicateStatus}), and answers a key certificate issued by the customer intermediate for the
 * lock's key. Statuses and shapes are assumptions (the vendor's page was captured in part), hence
 * switchable: {@link #shape}, {@link #successStatus}, and one-shot {@link #failNext faults}. No GET, DELETE
 * or revoke call is simulated: none is documented. Thread-safe.
 */
public final class LiveLockApiSimulator implements AutoCloseable {

    public static final String PATH = "/v1/dlock";
    /** The assumed validity of a key certificate (the vendor does not say; it is not renewed with the intermediate). */
    public static final Duration KEY_CERTIFICATE_VALIDITY = Duration.ofDays(3650);

    /** How the body of a successful enrolment looks. */
    public enum Shape {
        /** {@code {"serial_no": …, "certificate": "<base64>"}}, application/json */
        JSON,
        /** {@code {"data": {"key_certificate": "<base64>"}}}, application/json */
        NESTED_JSON,
        /** the Base64 text alone, text/plain */
        BARE_BASE64
    }

    /** A fault for the next request. */
    public enum Fault {
        /** Registers the serial, then answers nothing until the client gives up (or {@link #close}). */
        TIMEOUT_AFTER_COMMIT,
        /** Registers the serial, then drops the connection. */
        RESET_AFTER_COMMIT,
        /** Registers the serial, then answers 200 with a body that is no certificate. */
        MALFORMED_AFTER_COMMIT,
        /** 503 without registering. */
        SERVER_ERROR_BEFORE_COMMIT,
        /** 401 whatever the key. */
        UNAUTHORIZED,
        /** 429 with Retry-After, without registering. */
        TOO_MANY_REQUESTS
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService handlers;
    private final String apiKey;
    private final X509Certificate root;
    private final byte[] lockSeed;
    private final Clock clock;
    private final Map<String, X509Certificate> registered = new ConcurrentHashMap<>();
    private final Map<String, SimulatedLock> locks = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> posts = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile CustomerIntermediate issuing;
    private volatile Shape shape = Shape.JSON;
    private volatile int successStatus = 200;
    private volatile int duplicateStatus = 409;

    private LiveLockApiSimulator(String apiKey, X509Certificate root, CustomerIntermediate issuing, byte[] lockSeed, Clock clock)
            throws IOException {
        this.apiKey = apiKey;
        this.root = root;
        this.issuing = issuing;
        this.lockSeed = lockSeed.clone();
        this.clock = clock;
        this.handlers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "invue-simulator-http");
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts an API on a free loopback port.
     *
     * @param root     InVue's root, in the firmware of every lock this simulator makes
     * @param issuing  the customer intermediate that signs key certificates (its CN is the owner)
     * @param lockSeed from which each serial's provisioning code follows (the same seed, the same codes)
     */
    public static LiveLockApiSimulator start(String apiKey, X509Certificate root, CustomerIntermediate issuing, byte[] lockSeed,
            Clock clock) {
        try {
            return new LiveLockApiSimulator(apiKey, root, issuing, lockSeed, clock);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the LIVE Lock API simulator on loopback", e);
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The lock with this serial, fresh from the factory (provisioning bit 0) the first time. */
    public SimulatedLock manufacture(String serial) {
        return locks.computeIfAbsent(serial, s -> new SimulatedLock(s, provisioningCode(s), root, clock));
    }

    public Optional<SimulatedLock> lock(String serial) {
        return Optional.ofNullable(locks.get(serial));
    }

    /** The key certificate the API issued for {@code serial} — what InVue support would hand out after a lost answer. */
    public Optional<X509Certificate> registration(String serial) {
        return Optional.ofNullable(registered.get(serial));
    }

    /** How many {@code POST /v1/dlock} named {@code serial}. */
    public int posts(String serial) {
        AtomicInteger count = posts.get(serial);
        return count == null ? 0 : count.get();
    }

    public void shape(Shape shape) {
        this.shape = shape;
    }

    public void successStatus(int status) {
        this.successStatus = status;
    }

    /** The status a repeated serial gets: 409 (default) or 400; the vendor does not say. */
    public void duplicateStatus(int status) {
        this.duplicateStatus = status;
    }

    /** The next request meets {@code fault} (faults queue up, one per request). */
    public void failNext(Fault fault) {
        faults.add(fault);
    }

    /** From now on key certificates are signed by {@code intermediate} (a renewal). */
    public void issueWith(CustomerIntermediate intermediate) {
        this.issuing = intermediate;
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    private byte[] provisioningCode(String serial) {
        byte[] code = new byte[256];
        for (int block = 0; block < 8; block++) {
            byte[] part = Ed25519Keys.sha256(lockSeed, serial.getBytes(StandardCharsets.UTF_8), new byte[] {(byte) block});
            System.arraycopy(part, 0, code, block * 32, 32);
        }
        return code;
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean answered = false;
        try {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                answered = send(exchange, 404, "application/json", error("not found"));
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                answered = send(exchange, 405, "application/json", error("method not allowed"));
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            Fault fault = faults.poll();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (fault == Fault.UNAUTHORIZED || authorization == null || !MessageDigest.isEqual(
                    sha(authorization), sha("Bearer " + apiKey))) {
                answered = send(exchange, 401, "application/json", error("unauthorized"));
                return;
            }
            JsonNode request;
            try {
                request = JSON.readTree(body);
            } catch (IOException e) {
                answered = send(exchange, 400, "application/json", error("body is not JSON"));
                return;
            }
            String serial = text(request, "serial_no");
            if (serial != null) {
                posts.computeIfAbsent(serial, s -> new AtomicInteger()).incrementAndGet();
            }
            if (fault == Fault.SERVER_ERROR_BEFORE_COMMIT) {
                answered = send(exchange, 503, "text/html", "<html><body>Service Unavailable</body></html>".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (fault == Fault.TOO_MANY_REQUESTS) {
                exchange.getResponseHeaders().set("Retry-After", "30");
                answered = send(exchange, 429, "application/json", error("rate limit"));
                return;
            }
            String type = text(request, "type");
            String owner = text(request, "certificate");
            String code = text(request, "enrolment_code");
            if (serial == null || serial.isEmpty() || type == null || owner == null || code == null) {
                answered = send(exchange, 400, "application/json", error("serial_no, type, certificate and enrolment_code are required"));
                return;
            }
            CustomerIntermediate intermediate = issuing;
            if (!owner.equals(intermediate.owner())) {
                answered = send(exchange, 400, "application/json", error("unknown certificate owner"));
                return;
            }
            byte[] provisioning;
            try {
                provisioning = Base64.getDecoder().decode(code);
            } catch (IllegalArgumentException e) {
                provisioning = new byte[0];
            }
            if (!MessageDigest.isEqual(provisioning, provisioningCode(serial))) {
                answered = send(exchange, 400, "application/json", error("invalid enrolment_code"));
                return;
            }
            Instant now = clock.instant();
            X509Certificate issued = intermediate.issueKeyCertificate(serial, SimulatedLock.keyFor(provisioning).getPublic(), now,
                    now.plus(KEY_CERTIFICATE_VALIDITY));
            if (registered.putIfAbsent(serial, issued) != null) {
                String message = duplicateStatus == 409 ? "serial_no already registered" : "Lock " + serial + " is already registered";
                answered = send(exchange, duplicateStatus, "application/json", error(message));
                return;
            }
            switch (fault) {
                case TIMEOUT_AFTER_COMMIT -> {
                    closed.await(60, TimeUnit.SECONDS);
                    return;
                }
                case RESET_AFTER_COMMIT -> throw new IOException("connection dropped after commit (simulated)");
                case MALFORMED_AFTER_COMMIT -> {
                    answered = send(exchange, 200, "application/json", "{\"status\":\"ok\",\"certificate\":".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                case null, default -> { }
            }
            boolean base64 = !request.has("base64") || request.get("base64").asBoolean(true);
            answered = answer(exchange, serial, issued.getEncoded(), base64);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (CertificateEncodingException e) {
            answered = send(exchange, 500, "text/plain", "encoding failed".getBytes(StandardCharsets.UTF_8));
        } finally {
            if (answered) {
                exchange.close();
            }
            // Not answered: the connection is dropped (the server closes it when the handler throws or returns).
        }
    }

    private boolean answer(HttpExchange exchange, String serial, byte[] der, boolean base64) throws IOException {
        if (!base64) {
            return send(exchange, successStatus, "application/octet-stream", der);
        }
        String encoded = Base64.getEncoder().encodeToString(der);
        return switch (shape) {
            case JSON -> send(exchange, successStatus, "application/json",
                    JSON.writeValueAsBytes(Map.of("serial_no", serial, "certificate", encoded)));
            case NESTED_JSON -> send(exchange, successStatus, "application/json",
                    JSON.writeValueAsBytes(Map.of("data", Map.of("key_certificate", encoded))));
            case BARE_BASE64 -> send(exchange, successStatus, "text/plain", encoded.getBytes(StandardCharsets.US_ASCII));
        };
    }

    private static boolean send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        return true;
    }

    private static byte[] error(String message) throws IOException {
        return JSON.writeValueAsBytes(Map.of("error", message));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private static byte[] sha(String value) {
        return Ed25519Keys.sha256(value.getBytes(StandardCharsets.UTF_8));
    }
}
