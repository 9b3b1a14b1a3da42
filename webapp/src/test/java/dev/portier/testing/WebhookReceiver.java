package dev.portier.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * A webhook receiver on loopback for tests: keeps every request (body and headers) and answers with the status
 * the test sets, after an optional delay (a slow receiver).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived. Header names in lower case. */
    public record Received(String path, String body, Map<String, String> headers, Instant at) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String id() {
            return header("webhook-id");
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
    private volatile int status = 204;
    private volatile Duration delay = Duration.ZERO;
    private volatile String redirectTo;

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        WebhookReceiver receiver = new WebhookReceiver(server);
        server.createContext("/", receiver::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return receiver;
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void answer(int statusCode) {
        this.status = statusCode;
    }

    /** Answers every request with 307 to {@code location} from now on (null: stop redirecting). */
    public void redirectTo(String location) {
        this.redirectTo = location;
    }

    public void delay(Duration by) {
        this.delay = by;
    }

    /** Requests whose body has arrived, including those not answered yet (a slow receiver still waiting). */
    public int started() {
        return started.get();
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    /** Waits until {@code condition} holds, failing after {@code limit}. */
    public static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Waited " + limit.toSeconds() + " s for: " + what);
            }
            Thread.sleep(50);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            started.incrementAndGet();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            Duration wait = delay;
            if (!wait.isZero()) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            received.add(new Received(exchange.getRequestURI().getPath(), body, headers, Instant.now()));
            String location = redirectTo;
            if (location != null) {
                exchange.getResponseHeaders().add("Location", location);
                exchange.sendResponseHeaders(307, -1);
                return;
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
