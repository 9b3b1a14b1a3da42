package dev.portier.web.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.platform.config.TrustedProxies;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/**
 * {@link TrustedForwarding} in a real Jetty over real HTTP, answering what the application would see:
 * the client address, whether the request counts as https, and the host name.
 */
class TrustedForwardingTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void fromATrustedProxyTheRightMostUntrustedAddressAndTheProxysSchemeCount() throws Exception {
        try (Echo echo = new Echo(TrustedProxies.of("127.0.0.1, ::1, 10.0.0.0/8"))) {
            assertThat(echo.ask("X-Forwarded-For", "6.6.6.6, 203.0.113.9", "X-Forwarded-Proto", "https"))
                    .as("the left-most entry is whatever the client sent").isEqualTo("203.0.113.9 secure=true localhost");
            assertThat(echo.ask("X-Forwarded-For", "203.0.113.9, 10.1.2.3"))
                    .as("inner trusted proxies are skipped").isEqualTo("203.0.113.9 secure=false localhost");
            assertThat(echo.ask("X-Forwarded-For", "2001:db8::7")).isEqualTo("[2001:db8:0:0:0:0:0:7] secure=false localhost");
            assertThat(echo.ask("X-Forwarded-Proto", "http, https")).as("the nearest proxy's value").isEqualTo(
                    "127.0.0.1 secure=true localhost");
            assertThat(echo.ask("X-Forwarded-For", "evil.example.com")).as("names are not addresses")
                    .isEqualTo("127.0.0.1 secure=false localhost");
            assertThat(echo.ask("X-Forwarded-Host", "evil.example.com", "Forwarded", "for=6.6.6.6;proto=https;host=evil.example.com"))
                    .as("only Proto and For are believed").isEqualTo("127.0.0.1 secure=false localhost");
            assertThat(echo.ask()).isEqualTo("127.0.0.1 secure=false localhost");
        }
    }

    @Test
    void fromAnyOtherPeerTheHeadersAreIgnored() throws Exception {
        for (TrustedProxies proxies : new TrustedProxies[] {TrustedProxies.NONE, TrustedProxies.of("10.0.0.0/8, 192.168.1.1")}) {
            try (Echo echo = new Echo(proxies)) {
                assertThat(echo.ask("X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "https", "Forwarded", "for=6.6.6.6;proto=https"))
                        .as(proxies.toString()).isEqualTo("127.0.0.1 secure=false localhost");
            }
        }
    }

    @Test
    void theListIsCheckedLikeTheSetting() {
        assertThat(TrustedProxies.of("").isEmpty()).isTrue();
        assertThat(TrustedProxies.of("10.0.0.0/8").trusts(ip("10.200.3.4"))).isTrue();
        assertThat(TrustedProxies.of("10.0.0.0/8").trusts(ip("11.0.0.1"))).isFalse();
        assertThat(TrustedProxies.of("172.16.0.0/12").trusts(ip("172.31.255.255"))).isTrue();
        assertThat(TrustedProxies.of("172.16.0.0/12").trusts(ip("172.32.0.0"))).isFalse();
        for (String bad : new String[] {"proxy.example.com", "10.0.0.0/33", "10.0.0.0/x", "::1/129", "1.2.3"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrustedProxies.of(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + bad + "'");
        }
    }

    private static java.net.InetAddress ip(String literal) {
        try {
            return java.net.InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A Jetty whose only handler answers "client-address secure=… host". */
    private final class Echo implements AutoCloseable {
        private final Server server = new Server();

        Echo(TrustedProxies proxies) throws Exception {
            HttpConfiguration config = new HttpConfiguration();
            config.addCustomizer(new TrustedForwarding(proxies));
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
            connector.setHost("127.0.0.1");
            server.addConnector(connector);
            server.setHandler(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) {
                    Content.Sink.write(response, true, Request.getRemoteAddr(request) + " secure=" + request.isSecure() + " "
                            + Request.getServerName(request), callback);
                    return true;
                }
            });
            server.start();
        }

        String ask(String... headers) throws Exception {
            int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).GET();
            if (headers.length > 0) {
                request.headers(headers);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
        }

        @Override
        public void close() throws Exception {
            server.stop();
        }
    }
}
