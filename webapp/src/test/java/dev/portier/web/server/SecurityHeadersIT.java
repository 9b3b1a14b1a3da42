package dev.portier.web.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.platform.config.TrustedProxies;
import dev.portier.testing.RunningServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over real HTTP against two Portiers: one trusting the proxy on this machine (127.0.0.1, ::1), one
 * trusting nobody. Every answer — UI page, API JSON, health, an unknown address — carries the
 * security headers and no Server version; HSTS and the {@code Secure} session cookie follow
 * {@code X-Forwarded-Proto: https} only from the trusted proxy.
 */
class SecurityHeadersIT {

    @TempDir
    static Path trustingDir;
    @TempDir
    static Path distrustingDir;
    static RunningServer trusting;
    static RunningServer distrusting;
    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        trusting = RunningServer.withAdmin(trustingDir, TrustedProxies.of("127.0.0.1, ::1"));
        distrusting = RunningServer.withAdmin(distrustingDir);
    }

    @AfterAll
    static void stop() {
        trusting.close();
        distrusting.close();
    }

    static HttpResponse<String> get(RunningServer server, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(20)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndNoServerVersion() throws Exception {
        for (String path : List.of("/login", "/api/v1/sites", "/health", "/api/v1/no-such-thing", "/VAADIN/no-such-file.js")) {
            HttpResponse<String> response = get(distrusting, path);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
                    .contains(SecurityHeaders.CONTENT_SECURITY_POLICY);
            assertThat(SecurityHeaders.CONTENT_SECURITY_POLICY).contains("default-src 'self'", "object-src 'none'",
                    "frame-ancestors 'none'");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).contains("same-origin");
            assertThat(response.headers().firstValue("Server")).as(path).isEmpty();
            assertThat(response.headers().firstValue("X-Powered-By")).as(path).isEmpty();
            assertThat(response.headers().firstValue("Strict-Transport-Security")).as(path + " over plain HTTP").isEmpty();
        }
    }

    @Test
    void httpsFromTheTrustedProxyGivesHstsAndASecureSessionCookie() throws Exception {
        HttpResponse<String> response = get(trusting, "/login", "X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.9");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Strict-Transport-Security")).contains(SecurityHeaders.HSTS);
        assertThat(sessionCookie(response)).contains("Secure").contains("HttpOnly");

        HttpResponse<String> plain = get(trusting, "/login", "X-Forwarded-Proto", "http");
        assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(sessionCookie(plain)).doesNotContain("Secure");
    }

    @Test
    void theSameHeadersFromAnUntrustedPeerChangeNothing() throws Exception {
        HttpResponse<String> response = get(distrusting, "/login", "X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.9",
                "Forwarded", "proto=https;for=203.0.113.9");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(sessionCookie(response)).doesNotContain("Secure");
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
    }
}
