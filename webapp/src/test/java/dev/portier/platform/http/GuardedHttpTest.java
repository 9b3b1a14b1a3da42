package dev.portier.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.portier.plugin.api.OutboundHttp.DestinationRefusedException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real exchanges with servers on this machine's loopback addresses only. */
class GuardedHttpTest {

    private final List<HttpServer> servers = new ArrayList<>();
    private final List<GuardedHttp> clients = new ArrayList<>();
    /** "address path authorization" of every request a test server received. */
    private final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();

    @AfterEach
    void stop() {
        clients.forEach(GuardedHttp::close);
        servers.forEach(s -> s.stop(0));
    }

    private HttpServer server(String address) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        servers.add(server);
        server.start();
        return server;
    }

    private void handle(HttpServer server, String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            received.add(server.getAddress().getAddress().getHostAddress() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            handler.handle(exchange);
        });
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private GuardedHttp client(GuardedHttp client) {
        clients.add(client);
        return client;
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).build();
    }

    private static String url(String host, HttpServer server, String path) {
        return "http://" + host + ":" + server.getAddress().getPort() + path;
    }

    @Test
    void aPermittedLoopbackServerIsReached() throws Exception {
        HttpServer server = server("127.0.0.1");
        handle(server, "/hello", e -> reply(e, 200, "hello"));

        HttpResponse<byte[]> byPattern = client(GuardedHttp.allowing(Set.of("127.0.0.1"))).send(get(url("127.0.0.1", server, "/hello")));
        HttpResponse<byte[]> byOperator = client(GuardedHttp.forOperator(true)).send(get(url("127.0.0.1", server, "/hello")));

        assertThat(new String(byPattern.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(byOperator.statusCode()).isEqualTo(200);
        assertThat(received).hasSize(2);
    }

    @Test
    void loopbackIsRefusedByDefaultAndNothingIsSent() throws Exception {
        HttpServer server = server("127.0.0.1");
        handle(server, "/", e -> reply(e, 200, "should not be asked"));

        assertThatThrownBy(() -> client(GuardedHttp.forOperator(false)).send(get(url("127.0.0.1", server, "/secret?token=abc"))))
                .isInstanceOf(DestinationRefusedException.class)
                .hasMessage("Refused http://127.0.0.1:" + server.getAddress().getPort() + ": 127.0.0.1 is a loopback (127.0.0.0/8) "
                        + "address; Portier does not send requests there unless PORTIER_HTTP_ALLOW_PRIVATE=true");
        assertThat(received).isEmpty();
    }

    @Test
    void aRedirectToAnAddressThatIsNotAllowedIsRefused() throws Exception {
        HttpServer allowed = server("127.0.0.1");
        HttpServer target = server("127.0.0.2");
        handle(target, "/target", e -> reply(e, 200, "reached 127.0.0.2"));
        String targetUrl = url("127.0.0.2", target, "/target");
        handle(allowed, "/start", e -> redirect(e, 302, targetUrl));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("localhost", allowed, "/start")))
                .header("Authorization", "Bearer vendor-token").build();

        assertThatThrownBy(() -> client(GuardedHttp.allowing(Set.of("localhost"))).send(request))
                .isInstanceOf(DestinationRefusedException.class)
                .hasMessageContaining("Refused http://127.0.0.2:" + target.getAddress().getPort() + ": 127.0.0.2 is a loopback");
        assertThat(received).containsExactly("127.0.0.1 /start Bearer vendor-token");

        // The same redirect with 127.0.0.2 allowed too reaches it, so the refusal above was the policy's,
        // and the vendor's credentials stay with the origin they were meant for.
        HttpResponse<byte[]> response = client(GuardedHttp.allowing(Set.of("localhost", "127.0.0.2"))).send(request);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("reached 127.0.0.2");
        assertThat(response.uri().toString()).isEqualTo(targetUrl);
        assertThat(received).containsExactly("127.0.0.1 /start Bearer vendor-token", "127.0.0.1 /start Bearer vendor-token",
                "127.0.0.2 /target null");
    }

    @Test
    void aSeeOtherAfterAPostIsFollowedWithAGet() throws Exception {
        HttpServer server = server("127.0.0.1");
        handle(server, "/submit", e -> redirect(e, 303, "/result"));
        handle(server, "/result", e -> reply(e, 200, e.getRequestMethod()));
        HttpRequest post = HttpRequest.newBuilder(URI.create(url("127.0.0.1", server, "/submit")))
                .header("Authorization", "Bearer same-origin").POST(HttpRequest.BodyPublishers.ofString("x=1")).build();

        HttpResponse<byte[]> response = client(GuardedHttp.allowing(Set.of("127.0.0.1"))).send(post);

        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("GET");
        assertThat(received).containsExactly("127.0.0.1 /submit Bearer same-origin", "127.0.0.1 /result Bearer same-origin");
    }

    @Test
    void moreThanFiveRedirectsStop() throws Exception {
        HttpServer server = server("127.0.0.1");
        handle(server, "/loop", e -> redirect(e, 307, "/loop"));

        assertThatThrownBy(() -> client(GuardedHttp.allowing(Set.of("127.0.0.1"))).send(get(url("127.0.0.1", server, "/loop"))))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Stopped after 5 redirects");
        assertThat(received).hasSize(6);
    }

    @Test
    void aSlowServerTimesOutWithTheRequestsShorterTimeout() throws Exception {
        HttpServer server = server("127.0.0.1");
        handle(server, "/slow", e -> {
            sleep(3_000);
            reply(e, 200, "late");
        });
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("127.0.0.1", server, "/slow")))
                .timeout(Duration.ofMillis(300)).build();

        long start = System.nanoTime();
        assertThatThrownBy(() -> client(GuardedHttp.allowing(Set.of("127.0.0.1"))).send(request))
                .isInstanceOf(HttpTimeoutException.class)
                .hasMessage("The request to http://127.0.0.1:" + server.getAddress().getPort() + " took longer than 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void theHostsLimitCapsALongerRequestTimeoutAndCoversATricklingBody() throws Exception {
        HttpServer server = server("127.0.0.1");
        handle(server, "/trickle", e -> {
            e.sendResponseHeaders(200, 0);
            try (OutputStream out = e.getResponseBody()) {
                out.write('a');
                out.flush();
                sleep(3_000);
                out.write('b');
            }
        });
        GuardedHttp http = client(new GuardedHttp(new DestinationPolicy(false, Set.of("127.0.0.1")), Duration.ofMillis(400)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("127.0.0.1", server, "/trickle")))
                .timeout(Duration.ofSeconds(60)).build();

        long start = System.nanoTime();
        assertThatThrownBy(() -> http.send(request)).isInstanceOf(HttpTimeoutException.class).hasMessageEndingWith("400 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void aBodyOverTenMebibytesFailsAndOneOfExactlyTenIsRead() throws Exception {
        HttpServer server = server("127.0.0.1");
        int limit = 10 * 1024 * 1024;
        handle(server, "/chunked", e -> body(e, limit + 1, 0));
        handle(server, "/declared", e -> body(e, limit + 1, limit + 1));
        handle(server, "/exact", e -> body(e, limit, 0));
        GuardedHttp http = client(GuardedHttp.allowing(Set.of("127.0.0.1")));

        assertThatThrownBy(() -> http.send(get(url("127.0.0.1", server, "/chunked"))))
                .isInstanceOf(IOException.class).hasMessageContaining("is larger than 10 MiB");
        assertThatThrownBy(() -> http.send(get(url("127.0.0.1", server, "/declared"))))
                .isInstanceOf(IOException.class).hasMessageContaining("is larger than 10 MiB");
        assertThat(http.send(get(url("127.0.0.1", server, "/exact"))).body()).hasSize(limit);
    }

    @Test
    void privateLinkLocalAndLoopbackAddressesAreRefusedBeforeAnythingIsSent() {
        GuardedHttp http = client(GuardedHttp.forOperator(false));
        // Nothing listens there for this test: the policy answers before any connection is tried.
        assertThatThrownBy(() -> http.send(get("http://10.1.2.3/"))).isInstanceOf(DestinationRefusedException.class)
                .hasMessageContaining("10.1.2.3 is a private (10.0.0.0/8) address");
        assertThatThrownBy(() -> http.send(get("http://169.254.169.254/latest/meta-data/"))).isInstanceOf(DestinationRefusedException.class)
                .hasMessageContaining("169.254.169.254 is a link-local (169.254.0.0/16) address")
                .hasMessageNotContaining("meta-data");
        assertThatThrownBy(() -> http.send(get("http://[::1]:8080/"))).isInstanceOf(DestinationRefusedException.class)
                .hasMessageContaining("is a loopback (::1/128) address");
        assertThatThrownBy(() -> http.send(get("https://[::ffff:127.0.0.1]/"))).isInstanceOf(DestinationRefusedException.class)
                .hasMessageContaining("loopback (127.0.0.0/8)");
        assertThatThrownBy(() -> client(GuardedHttp.forOperator(true)).send(get("http://0.0.0.0:9/")))
                .isInstanceOf(DestinationRefusedException.class)
                .hasMessageContaining("unspecified (0.0.0.0/8) address; Portier never sends requests there");
    }

    @Test
    void aRedirectToAnotherSchemeIsRefused() throws Exception {
        HttpServer server = server("127.0.0.1");
        handle(server, "/ftp", e -> redirect(e, 302, "ftp://127.0.0.1/file"));

        assertThatThrownBy(() -> client(GuardedHttp.allowing(Set.of("127.0.0.1"))).send(get(url("127.0.0.1", server, "/ftp"))))
                .isInstanceOf(DestinationRefusedException.class)
                .hasMessageContaining("only http and https are allowed");
    }

    @Test
    void hostPatternsMustBeNamesAddressesOrWildcardDomains() {
        assertThat(new DestinationPolicy(false, Set.of("*.sandbox.test", "LOCALHOST", "[::1]")).toString())
                .contains("*.sandbox.test", "localhost", "::1");
        assertThatThrownBy(() -> GuardedHttp.allowing(Set.of("http://localhost")))
                .hasMessage("A host pattern is a host name, an address or *.domain, was 'http://localhost'");
        assertThatThrownBy(() -> GuardedHttp.allowing(Set.of("*")))
                .hasMessageContaining("was '*'");
    }

    private static void body(HttpExchange exchange, int size, long declared) throws IOException {
        exchange.sendResponseHeaders(200, declared);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = exchange.getResponseBody()) {
            for (int left = size; left > 0; left -= chunk.length) {
                out.write(chunk, 0, Math.min(left, chunk.length));
            }
        } catch (IOException clientWentAway) {
            // The client stops reading at the limit.
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
